package dev.localdb.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.localdb.system.Failure;

/**
 * {@code localdb daemon status | stop | restart}: the daemon's own lifetime, handled by the client
 * (a stopped daemon cannot answer for itself, and asking about it must not start one).
 */
public final class DaemonControl {

	private final DaemonAddress address;

	private final DaemonConnector connector;

	private final PrintStream out;

	private final PrintStream err;

	/** For a home, as the shell and {@code --no-daemon} use it. */
	public static DaemonControl of(Path home, PrintStream out, PrintStream err) {
		DaemonAddress address = DaemonAddress.of(home);
		return new DaemonControl(address, new DaemonConnector(address, Fingerprint.of(home), err, false), out, err);
	}

	/** The web address of the daemon of this home, or a sentence saying it has none. */
	public static String webAddress(Path home) {
		return DaemonState.read(DaemonAddress.of(home).stateFile()).map(DaemonState::web).orElse("none");
	}

	DaemonControl(DaemonAddress address, DaemonConnector connector, PrintStream out, PrintStream err) {
		this.address = address;
		this.connector = connector;
		this.out = out;
		this.err = err;
	}

	/** @return the exit status */
	public int run(List<String> words) {
		String action = words.isEmpty() ? "status" : words.get(0);
		if (words.size() > 1) {
			this.err.println("Error: Unexpected argument '" + words.get(1) + "': 'daemon " + action
					+ "' takes no arguments. See 'localdb help daemon'.");
			return Failure.USAGE.exitCode();
		}
		return switch (action) {
			case "status" -> status();
			case "stop" -> stop();
			case "restart" -> restart();
			case "--help", "-h", "help" -> help();
			default -> {
				this.err.println("Error: Unknown command 'daemon " + action
						+ "'. Use 'daemon status', 'daemon stop' or 'daemon restart'.");
				yield Failure.USAGE.exitCode();
			}
		};
	}

	private int status() {
		Optional<DaemonState> state = DaemonState.read(this.address.stateFile());
		boolean answers = this.connector.connect().map(channel -> {
			try {
				channel.close();
			}
			catch (java.io.IOException ex) {
				// only tried it
			}
			return true;
		}).orElse(false);
		if (state.isEmpty() || !answers) {
			this.out.println("No LocalDB daemon runs for " + this.address.home() + ". The next command starts one.");
			return Failure.NOT_FOUND.exitCode();
		}
		DaemonState daemon = state.get();
		this.out.println("LocalDB daemon " + daemon.version() + ", pid " + daemon.pid() + ", running since "
				+ daemon.startedAt());
		this.out.println("  socket:  " + daemon.socket());
		this.out.println("  web:     " + daemon.web());
		this.out.println("  log:     " + this.address.logFile());
		return 0;
	}

	private int stop() {
		Optional<DaemonState> stopped = this.connector.stop();
		if (stopped.isEmpty()) {
			this.out.println("No LocalDB daemon was running for " + this.address.home() + ".");
			return 0;
		}
		this.out.println("✓ LocalDB daemon stopped (pid " + stopped.get().pid() + "); projects keep running.");
		return 0;
	}

	private int restart() {
		this.connector.stop();
		try {
			this.connector.run(List.of(Frames.PING), this.address.home(), System.getenv(), false,
					java.io.OutputStream.nullOutputStream(), this.err, new DaemonConnector.Cancel());
		}
		catch (DaemonConnector.DaemonUnavailableException | java.io.IOException ex) {
			this.err.println("Error: " + ex.getMessage());
			return Failure.INTERNAL.exitCode();
		}
		return status();
	}

	private int help() {
		this.out.println("""
				daemon [status | stop | restart]
				  The LocalDB daemon runs every command, the web server (actuator) and the hourly cleanup for
				  one LOCALDB_HOME. The first command starts it; it stays while projects run, and exits after
				  localdb.daemon.idle-timeout (3 h) with none. Projects keep running when it stops.
				  status   pid, socket, web address and log of the running daemon (exit 3 when none runs)
				  stop     stop it gracefully (commands under way finish first)
				  restart  stop it and start a new one (after an upgrade, or new settings)
				Example: localdb daemon status""");
		return 0;
	}

}
