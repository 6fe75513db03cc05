package dev.localdb.shell;

import java.util.OptionalInt;

/**
 * A command that ends with another program's exit status ({@code exec}): no failure of LocalDB's,
 * so no message, and the status passes through unchanged.
 */
final class CommandExit extends RuntimeException {

	private final int status;

	CommandExit(int status) {
		super("exit status " + status, null, false, false);
		this.status = status;
	}

	/** The status, when {@code thrown} (or what it wraps, as Spring Shell's invoker does) is one. */
	static OptionalInt status(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof CommandExit exit) {
				return OptionalInt.of(exit.status);
			}
		}
		return OptionalInt.empty();
	}

}
