package dev.localdb.shell;

import java.util.Locale;

import org.springframework.core.convert.ConversionFailedException;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * A failed command as the user sees it: a message that says what to do next, and the exit status.
 * Every failure of every command goes through {@link #of(Throwable, String)}: this is the one mapping from
 * exceptions to messages and exit codes.
 */
record CommandFailure(int exitCode, String message) {

	/** @param command the command that failed, when known, for the hint */
	static CommandFailure of(Throwable thrown, String command) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof LocalDbException domain) {
				return new CommandFailure(domain.failure().exitCode(), domain.getMessage());
			}
			if (cause instanceof ConversionFailedException conversion) {
				return usage("Invalid value '" + conversion.getValue() + "': expected "
						+ conversion.getTargetType().getType().getSimpleName().toLowerCase(Locale.ROOT)
							.replace("integer", "a whole number")
						+ ". See '" + (command == null ? "localdb help" : command + " --help") + "'.");
			}
		}
		Throwable root = thrown;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return new CommandFailure(Failure.INTERNAL.exitCode(),
				"Unexpected error: " + root + ". The log in $LOCALDB_HOME/logs has the details.");
	}

	static CommandFailure usage(String message) {
		return new CommandFailure(Failure.USAGE.exitCode(), message);
	}

}
