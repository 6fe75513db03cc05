package dev.localdb.client;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.localdb.os.AtomicFile;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PrivateDirectory;
import dev.localdb.wire.Compatibility;
import dev.localdb.wire.Connection;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.DaemonState;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Spinner;

/**
 * Starts a daemon for this client, one for any number of clients starting at once (they take the
 * start lock in turn), and waits until it answers. A daemon that replaces a running one starts
 * while the old one still serves: it validates its settings, then asks the old one to stop and
 * takes over its lock and socket. A new daemon that fails leaves the old one running, and its own
 * one-line reason is the client's error.
 */
final class DaemonStarter {

	private static final Duration START_PATIENCE = Duration.ofSeconds(90);

	private final DaemonAddress address;

	private final Fingerprint fingerprint;

	private final PrintStream notes;

	private final boolean terminal;

	DaemonStarter(DaemonAddress address, Fingerprint fingerprint, PrintStream notes, boolean terminal) {
		this.address = address;
		this.fingerprint = fingerprint;
		this.notes = notes;
		this.terminal = terminal;
	}

	/**
	 * @param force start a new daemon even when one that would do runs ({@code daemon restart})
	 * @return a connection to a daemon of this client's build and configuration
	 */
	Connection start(boolean force) {
		try {
			PrivateDirectory.ensure(this.address.runtime());
			try (FileChannel lockChannel = AtomicFile.openPrivate(this.address.startLockFile());
					FileLock lock = lockChannel.lock()) {
				Optional<DaemonState> state = DaemonState.read(this.address.stateFile());
				boolean usable = state.isEmpty() || Compatibility.of(this.fingerprint, state.get().fingerprint())
					.decision() != Compatibility.Decision.REPLACE;
				if (!force && usable) {
					// another client may have started (or replaced) one while this one waited for the lock
					Optional<Connection> started = Connection.open(this.address.socket(), DaemonConnector.PATIENCE);
					if (started.isPresent()) {
						return started.get();
					}
				}
				return awaitDaemon(spawn());
			}
		}
		catch (IOException ex) {
			throw new DaemonConnector.DaemonUnavailableException("Cannot start the LocalDB daemon: " + ex.getMessage()
					+ ". Run with --no-daemon (or LOCALDB_DAEMON=0) to run the command in this process.", ex);
		}
	}

	private Process spawn() throws IOException {
		if (this.address.shortPath()) {
			PrivateDirectory.ensure(this.address.socket().getParent());
		}
		Files.createDirectories(this.address.logFile().getParent());
		List<String> command = DaemonCommand.of(this.fingerprint.toString(), this.address.home());
		return new DetachedLauncher().launch(command, null, Map.of(), this.address.home(), this.address.logFile());
	}

	/** Until the new daemon has recorded itself (the old one may still answer meanwhile) and answers. */
	private Connection awaitDaemon(Process daemon) throws IOException {
		long started = System.nanoTime();
		long deadline = started + START_PATIENCE.toNanos();
		Spinner spinner = new Spinner(new PrintWriter(this.notes, true));
		while (System.nanoTime() < deadline) {
			Optional<DaemonState> state = DaemonState.read(this.address.stateFile());
			Optional<Connection> channel = state.isPresent() && state.get().pid() == daemon.pid()
					? Connection.open(this.address.socket(), DaemonConnector.PATIENCE) : Optional.empty();
			if (channel.isPresent()) {
				spinner.clear();
				this.notes.println("localdb: started the LocalDB daemon (pid " + daemon.pid() + "; it keeps running, "
						+ "log: " + this.address.logFile() + ", stop it with 'localdb daemon stop').");
				if (this.address.shortPath()) {
					this.notes.println("localdb: LOCALDB_HOME is too deep for a Unix socket path; the daemon listens on "
							+ this.address.socket() + " instead.");
				}
				return channel.get();
			}
			if (!daemon.isAlive()) {
				spinner.clear();
				throw new DaemonConnector.DaemonUnavailableException("The LocalDB daemon could not start: " + lastError()
						+ " (its log: " + this.address.logFile() + ")", null);
			}
			if (this.terminal) {
				spinner.show("starting the LocalDB daemon", Duration.ofNanos(System.nanoTime() - started));
			}
			sleep(25);
		}
		throw new DaemonConnector.DaemonUnavailableException("The LocalDB daemon did not answer within "
				+ START_PATIENCE.toSeconds() + " s; its log: " + this.address.logFile() + ".", null);
	}

	/** The daemon's own one-line reason, the last "Error: " line of its log. */
	private String lastError() {
		try {
			List<String> lines = Files.readAllLines(this.address.logFile());
			for (int i = lines.size() - 1; i >= 0; i--) {
				if (lines.get(i).startsWith("Error: ")) {
					return lines.get(i).substring("Error: ".length());
				}
			}
		}
		catch (IOException ex) {
			// no log to quote
		}
		return "it exited as it started.";
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DaemonConnector.DaemonUnavailableException("Interrupted while waiting for the LocalDB daemon.", ex);
		}
	}

}
