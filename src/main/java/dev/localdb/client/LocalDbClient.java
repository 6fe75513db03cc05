package dev.localdb.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.localdb.LocalDbApplication;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbHome;

/**
 * What {@code localdb} runs: a plain {@code main} with no Spring at start-up. A command goes to the
 * daemon of this {@code LOCALDB_HOME} (started when none answers) with the user's arguments,
 * directory and environment, and its output and exit status come back exactly as if it had run
 * here. {@code --no-daemon} (or {@code LOCALDB_DAEMON=0}) runs it in this process instead;
 * {@code serve} is the daemon in the foreground; no arguments is the interactive shell, which
 * makes sure a daemon runs and leaves the web server and the hourly cleanup to it.
 */
public final class LocalDbClient {

	private static final String NO_DAEMON = "--no-daemon";

	private LocalDbClient() {
	}

	public static void main(String[] args) {
		List<String> words = new ArrayList<>(List.of(args));
		boolean noDaemon = words.remove(NO_DAEMON) || "0".equals(System.getenv("LOCALDB_DAEMON"));
		if (noDaemon || (!words.isEmpty() && words.get(0).equals("serve"))) {
			LocalDbApplication.main(words.toArray(String[]::new));
			return;
		}
		Path home = LocalDbHome.resolve();
		Optional<String> unusable = LocalDbHome.problem(home);
		if (unusable.isPresent()) {
			System.err.println("Error: " + unusable.get());
			System.exit(Failure.STORAGE.exitCode());
		}
		PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
		boolean terminal = System.console() != null;
		DaemonConnector daemon = new DaemonConnector(DaemonAddress.of(home), Fingerprint.of(home), err, terminal);
		if (words.isEmpty()) {
			interactive(daemon, err);
			return;
		}
		if (words.get(0).equals("daemon")) {
			System.exit(new DaemonControl(DaemonAddress.of(home), daemon, System.out, err).run(words.subList(1, words.size())));
		}
		System.exit(forward(daemon, words, err, terminal));
	}

	private static int forward(DaemonConnector daemon, List<String> words, PrintStream err, boolean terminal) {
		DaemonConnector.Cancel cancel = new DaemonConnector.Cancel();
		// a class, not a lambda: a lambda's bootstrap costs a command 5-10 ms of start-up
		Signal.handle(new Signal("INT"), new CancelOnInterrupt(cancel));
		try {
			return daemon.run(words, Path.of(System.getProperty("user.dir")), System.getenv(), terminal, System.out,
					System.err, cancel);
		}
		catch (DaemonConnector.DaemonUnavailableException ex) {
			err.println("Error: " + ex.getMessage());
			return Failure.INTERNAL.exitCode();
		}
		catch (IOException ex) {
			err.println("Error: lost the LocalDB daemon: " + ex.getMessage() + ". Run the command again, or with "
					+ NO_DAEMON + ".");
			return Failure.INTERNAL.exitCode();
		}
	}

	/** Ctrl-C while a command runs asks the daemon to cancel it; before that, it just ends the client. */
	private static final class CancelOnInterrupt implements SignalHandler {

		private final DaemonConnector.Cancel cancel;

		CancelOnInterrupt(DaemonConnector.Cancel cancel) {
			this.cancel = cancel;
		}

		@Override
		public void handle(Signal signal) {
			if (!this.cancel.send()) {
				System.exit(Failure.CANCELLED.exitCode());
			}
		}

	}

	/** The shell runs here, with a daemon for the web server and the hourly cleanup. */
	private static void interactive(DaemonConnector daemon, PrintStream err) {
		try {
			daemon.run(List.of(Frames.PING), Path.of(System.getProperty("user.dir")), System.getenv(), false,
					java.io.OutputStream.nullOutputStream(), System.err, new DaemonConnector.Cancel());
			System.setProperty(dev.localdb.system.LaunchMode.WITH_DAEMON, "true");
		}
		catch (DaemonConnector.DaemonUnavailableException | IOException ex) {
			err.println("localdb: no daemon (" + ex.getMessage() + "); this session serves the web port and runs "
					+ "the hourly cleanup itself.");
		}
		LocalDbApplication.main(new String[0]);
	}

}
