package dev.localdb.wire;

import java.util.Optional;

/**
 * Whether a running daemon may run this client's commands, decided from what it recorded in
 * {@code daemon.properties} before connecting (Gradle's DaemonCompatibilitySpec). Only another
 * build or a changed {@code application.yml} replaces a daemon: one terminal's {@code -D} options
 * or variables must not replace the daemon every other terminal shares, so they get a note instead.
 *
 * @param decision what the client does
 * @param reason why; empty when it is used as is
 */
public record Compatibility(Decision decision, String reason) {

	public enum Decision {
		USE, USE_WITH_OTHER_SETTINGS, REPLACE
	}

	/** @param recorded the daemon's fingerprint; empty for a {@code serve} in the foreground, which serves anyone */
	public static Compatibility of(Fingerprint mine, String recorded) {
		if (recorded == null || recorded.isEmpty()) {
			return new Compatibility(Decision.USE, "");
		}
		Optional<Fingerprint> parsed = Fingerprint.parse(recorded);
		if (parsed.isEmpty() || !parsed.get().build().equals(mine.build())) {
			return new Compatibility(Decision.REPLACE, "it was started from another build of LocalDB");
		}
		Fingerprint theirs = parsed.get();
		if (!theirs.configuration().equals(mine.configuration())) {
			return new Compatibility(Decision.REPLACE, "$LOCALDB_HOME/application.yml changed since it started");
		}
		if (!theirs.settings().equals(mine.settings())) {
			return new Compatibility(Decision.USE_WITH_OTHER_SETTINGS,
					"runs with other settings than this terminal's (-D options in JAVA_OPTS, LOCALDB_*, SERVER_*, "
							+ "SPRING_* variables); this command runs with the daemon's. To apply yours, run "
							+ "'localdb daemon restart' with them set");
		}
		return new Compatibility(Decision.USE, "");
	}

	/** The one line a client prints about it, or empty. */
	public Optional<String> note(long pid) {
		return switch (this.decision) {
			case USE -> Optional.empty();
			case USE_WITH_OTHER_SETTINGS -> Optional.of("localdb: the LocalDB daemon (pid " + pid + ") " + this.reason + ".");
			case REPLACE -> Optional.of("localdb: replacing the running daemon (pid " + pid + "): " + this.reason + ".");
		};
	}

}
