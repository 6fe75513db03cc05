package dev.localdb;

import org.springframework.boot.context.properties.bind.BindException;

import dev.localdb.system.LocalDbException;

/** Why LocalDB could not start, in one line a user can act on. */
final class StartupFailure {

	private StartupFailure() {
	}

	static String describe(Throwable failure) {
		BindException binding = find(failure, BindException.class);
		String reason = root(failure).getMessage();
		if (reason != null && reason.startsWith("localdb.")) {
			// the record's own check names the setting
			return "Invalid setting: " + reason + ". Fix it in $LOCALDB_HOME/application.yml, with -D (JAVA_OPTS) "
					+ "or in the environment.";
		}
		if (binding != null) {
			String name = binding.getName().toString();
			return "The setting " + name + " is invalid: " + reason + ". Fix it in $LOCALDB_HOME/application.yml, "
					+ "in -D" + name + "=... (JAVA_OPTS) or in its environment variable.";
		}
		LocalDbException domain = find(failure, LocalDbException.class);
		if (domain != null) {
			return domain.getMessage();
		}
		return "LocalDB could not start: " + root(failure) + ". The log in $LOCALDB_HOME/logs/localdb.log has the details.";
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static Throwable root(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
