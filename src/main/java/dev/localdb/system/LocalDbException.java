package dev.localdb.system;

import java.io.IOException;
import java.nio.file.Path;

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

	/** The one way to report that a file under {@code LOCALDB_HOME} cannot be used. */
	public static LocalDbException storage(String action, Path file, IOException cause) {
		return new LocalDbException(Failure.STORAGE, "Cannot " + action + " " + file + ": " + cause
				+ ". Check the permissions of LOCALDB_HOME and the free disk space.", cause);
	}

	public Failure failure() {
		return this.failure;
	}

}
