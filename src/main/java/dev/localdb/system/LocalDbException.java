package dev.localdb.system;

/**
 * A failure a user can cause and act on. The message says what went wrong and what to do next;
 * the {@link Failure} decides the exit status and HTTP status.
 */
public class LocalDbException extends RuntimeException {

	private final Failure failure;

	public LocalDbException(Failure failure, String message) {
		super(message);
		this.failure = failure;
	}

	public LocalDbException(Failure failure, String message, Throwable cause) {
		super(message, cause);
		this.failure = failure;
	}

	public Failure failure() {
		return this.failure;
	}

}
