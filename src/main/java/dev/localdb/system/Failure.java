package dev.localdb.system;

/**
 * The kinds of failure a user can cause, each with the exit status scripts rely on and the HTTP
 * status the actuator answers with. This is the one place that mapping is made.
 */
public enum Failure {

	/** Anything unexpected: a bug or an environment we did not foresee. */
	INTERNAL(1, 500),
	/** Bad input: a bad project name, an unknown command or option, a bad value. */
	USAGE(2, 400),
	/** The project is unknown, not running, or holds no port. */
	NOT_FOUND(3, 404),
	/** Every configured range is full. */
	NO_FREE_PORT(4, 503),
	/** The server could not be started or did not come up in time. */
	START_FAILED(5, 500),
	/** LOCALDB_HOME cannot be read or written. */
	STORAGE(6, 500),
	/** The server still runs after SIGKILL: LocalDB may not signal it. */
	CANNOT_STOP(7, 409),
	/** doctor found something that needs attention (its report says what to do). */
	NEEDS_ATTENTION(1, 200),
	/** The request comes from another user of the machine, or lacks the dashboard's token. */
	FORBIDDEN(8, 403),
	/** The daemon serves as many streams as it may hold; close one (another tab) or try later. */
	BUSY(9, 503),
	/** {@code share}: the relay is unreachable, refused the key or the port, or its host key is unknown or changed. */
	SHARE_FAILED(10, 502),
	/** The user pressed Ctrl-C: what was under way was undone (128 + SIGINT, as shells report it). */
	CANCELLED(130, 503);

	private final int exitCode;

	private final int httpStatus;

	Failure(int exitCode, int httpStatus) {
		this.exitCode = exitCode;
		this.httpStatus = httpStatus;
	}

	public int exitCode() {
		return this.exitCode;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

}
