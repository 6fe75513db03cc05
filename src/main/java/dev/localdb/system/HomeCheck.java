package dev.localdb.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks {@code LOCALDB_HOME} before Spring starts: logging writes there from the first line, and
 * an unusable home would otherwise end in a logging-system stack trace instead of a message.
 */
public final class HomeCheck {

	private HomeCheck() {
	}

	/** @return the problem with the home directory, or empty when it is usable */
	public static Optional<String> problem() {
		Path home = home();
		try {
			Files.createDirectories(home.resolve("logs"));
			if (!Files.isWritable(home)) {
				return Optional.of(describe(home, "it is not writable"));
			}
			return Optional.empty();
		}
		catch (IOException | SecurityException ex) {
			return Optional.of(describe(home, "it cannot be created (" + ex + ")"));
		}
	}

	private static String describe(Path home, String why) {
		return "LocalDB cannot use " + home + " as its home: " + why
				+ ". Check that LOCALDB_HOME points to a directory you can write.";
	}

	private static Path home() {
		String configured = System.getProperty("localdb.home", System.getenv("LOCALDB_HOME"));
		if (configured == null || configured.isBlank()) {
			return Path.of(System.getProperty("user.home"), ".localdb");
		}
		return Path.of(configured);
	}

}
