package dev.localdb.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one run of {@code localdb} goes, decided once, without Spring, by the client and by the
 * application alike (the launcher script only starts the client).
 *
 * @param mode what runs
 * @param args the user's arguments without {@code --no-daemon}
 * @param withDaemon whether a daemon serves this run (the interactive shell leaves the web server
 * and the hourly cleanup to it)
 */
public record Launch(Mode mode, List<String> args, boolean withDaemon) {

	/** Set by ./localdb: the full jar the application runs from, and its class-data archive or AOT cache. */
	public static final String LAUNCH_PREFIX = "localdb.launch.";

	/** Set when a daemon runs for the interactive shell. */
	public static final String WITH_DAEMON = "localdb.shell.with-daemon";

	private static final String NO_DAEMON = "--no-daemon";

	public enum Mode {

		/** A command sent to the daemon: no Spring in this process. */
		CLIENT,
		/** No arguments: the shell, in this process. */
		INTERACTIVE,
		/** {@code serve}: the daemon in the foreground. */
		SERVE,
		/** One command in this process ({@code --no-daemon}, {@code LOCALDB_DAEMON=0}). */
		COMMAND;

		public boolean needsSpring() {
			return this != CLIENT;
		}

	}

	public Launch {
		args = List.copyOf(args);
	}

	public static Launch decide(String[] args, Map<String, String> environment) {
		List<String> words = new ArrayList<>(List.of(args));
		boolean noDaemon = words.remove(NO_DAEMON) | "0".equals(environment.get("LOCALDB_DAEMON"));
		if (words.isEmpty()) {
			return new Launch(Mode.INTERACTIVE, words, !noDaemon);
		}
		if (words.get(0).equals("serve")) {
			return new Launch(words.size() == 1 ? Mode.SERVE : Mode.COMMAND, words, false);
		}
		return new Launch(noDaemon ? Mode.COMMAND : Mode.CLIENT, words, !noDaemon);
	}

}
