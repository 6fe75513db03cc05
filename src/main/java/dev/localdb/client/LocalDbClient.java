package dev.localdb.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbHome;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Launch;
import dev.localdb.wire.Message;

/**
 * What {@code localdb} runs: a plain {@code main} with no Spring at start-up. A command goes to the
 * daemon of this {@code LOCALDB_HOME} (started when none answers) with the user's arguments,
 * directory and environment, and its output and exit status come back exactly as if it had run
 * here. What needs Spring in this process ({@link Launch}: the shell, {@code serve},
 * {@code --no-daemon}) runs the full application; the shell first makes sure a daemon runs and
 * leaves the web server and the hourly cleanup to it.
 */
public final class LocalDbClient {

	private LocalDbClient() {
	}

	public static void main(String[] args) {
		Launch launch = Launch.decide(args, System.getenv());
		if (launch.mode() != Launch.Mode.CLIENT && launch.mode() != Launch.Mode.INTERACTIVE) {
			exit(FullApplication.run(launch), launch);
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
		Fingerprint fingerprint = Fingerprint.of(home);
		DaemonConnector daemon = new DaemonConnector(DaemonAddress.of(home), fingerprint, err, terminal);
		List<String> words = launch.args();
		if (launch.mode() == Launch.Mode.INTERACTIVE) {
			if (launch.withDaemon()) {
				ensureDaemon(daemon, fingerprint, err);
			}
			exit(FullApplication.run(launch), launch);
			return;
		}
		if (words.get(0).equals("daemon")) {
			System.exit(new DaemonControl(daemon, System.out, err).run(words.subList(1, words.size())));
		}
		System.exit(forward(daemon, fingerprint, words, err, terminal));
	}

	/** The application in this process exits by itself, except serve, which keeps running. */
	private static void exit(int status, Launch launch) {
		if (status != 0 || launch.mode() != Launch.Mode.SERVE) {
			System.exit(status);
		}
	}

	private static int forward(DaemonConnector daemon, Fingerprint fingerprint, List<String> words, PrintStream err,
			boolean terminal) {
		DaemonConnector.Cancel cancel = new DaemonConnector.Cancel();
		// a class, not a lambda: a lambda's bootstrap costs a command 5-10 ms of start-up
		Signal.handle(new Signal("INT"), new CancelOnInterrupt(cancel));
		Message.Request request = new Message.Request(fingerprint.toString(), System.getProperty("user.dir"), words,
				System.getenv(), terminal);
		try {
			return daemon.run(request, System.out, System.err, cancel);
		}
		catch (DaemonConnector.DaemonUnavailableException ex) {
			err.println("Error: " + ex.getMessage() + (ex.getMessage().endsWith(")") || ex.getMessage().endsWith(".") ? "" : "."));
			return Failure.INTERNAL.exitCode();
		}
		catch (IOException ex) {
			err.println("Error: lost the LocalDB daemon: " + ex.getMessage() + " (its log: " + daemon.address().logFile()
					+ "). The registry is safe; run the command again, or with --no-daemon.");
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
	private static void ensureDaemon(DaemonConnector daemon, Fingerprint fingerprint, PrintStream err) {
		try {
			daemon.run(new Message.Ping(fingerprint.toString()), OutputStream.nullOutputStream(), System.err,
					new DaemonConnector.Cancel());
			System.setProperty(Launch.WITH_DAEMON, "true");
		}
		catch (DaemonConnector.DaemonUnavailableException | IOException ex) {
			err.println("localdb: no daemon (" + ex.getMessage() + "); this session serves the web port and runs "
					+ "the hourly cleanup itself.");
		}
	}

}
