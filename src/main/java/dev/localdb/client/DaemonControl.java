package dev.localdb.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.localdb.os.ProcessTable;
import dev.localdb.system.Failure;
import dev.localdb.wire.Connection;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.DaemonState;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Message;
import dev.localdb.wire.NoAnswerException;

/**
 * {@code localdb daemon status | stop | restart}: the daemon's own lifetime, handled by the client
 * (a stopped daemon cannot answer for itself, and asking about it must not start one). Each ends
 * within the client's patience, also when the daemon is stopped or wedged.
 */
public final class DaemonControl {

	/** How long commands under way may take to finish after a stop was asked. */
	private static final Duration STOP_PATIENCE = Duration.ofSeconds(40);

	private final DaemonConnector connector;

	private final PrintStream out;

	private final PrintStream err;

	DaemonControl(DaemonConnector connector, PrintStream out, PrintStream err) {
		this.connector = connector;
		this.out = out;
		this.err = err;
	}

	/** For a home, as the shell and {@code --no-daemon} use it (a {@link dev.localdb.wire.DaemonLifecycle}). */
	public static int control(Path home, List<String> words, PrintStream out, PrintStream err) {
		DaemonConnector connector = new DaemonConnector(DaemonAddress.of(home), Fingerprint.of(home), err, false);
		return new DaemonControl(connector, out, err).run(words);
	}

	/** @return the exit status */
	int run(List<String> words) {
		String action = words.isEmpty() ? "status" : words.get(0);
		boolean asJson = words.size() == 2 && action.equals("status") && words.get(1).equals("--json");
		if (words.size() > 1 && !asJson) {
			this.err.println("Error: Unexpected argument '" + words.get(1) + "': 'daemon " + action
					+ "' takes no arguments. See 'localdb help daemon'.");
			return Failure.USAGE.exitCode();
		}
		try {
			return switch (action) {
				case "status" -> status(asJson);
				case "stop" -> stop();
				case "restart" -> restart();
				case "install" -> ServiceInstall.forThisMachine(this.out)
					.install(DaemonCommand.service(Fingerprint.of(address().home()).toString(), address().home()),
							address().home(), this::stopForService);
				case "uninstall" -> ServiceInstall.forThisMachine(this.out).uninstall();
				case "--help", "-h", "help" -> help();
				default -> {
					this.err.println("Error: Unknown command 'daemon " + action
							+ "'. Use 'daemon status', 'daemon stop', 'daemon restart', 'daemon install' or 'daemon uninstall'.");
					yield Failure.USAGE.exitCode();
				}
			};
		}
		catch (DaemonConnector.DaemonUnavailableException ex) {
			this.err.println("Error: " + ex.getMessage());
			return Failure.INTERNAL.exitCode();
		}
		catch (IOException ex) {
			this.err.println("Error: cannot write the service file: " + ex.getMessage() + ".");
			return Failure.STORAGE.exitCode();
		}
	}

	private DaemonAddress address() {
		return this.connector.address();
	}

	private int status() {
		return status(false);
	}

	/** @param asJson one JSON object, also when none runs (then {@code "running" : false}, exit 3 all the same) */
	private int status(boolean asJson) {
		Optional<DaemonState> state = DaemonState.read(address().stateFile());
		boolean answers;
		try (Connection connection = this.connector.connect().orElse(null)) {
			answers = connection != null && ping(connection);
		}
		catch (NoAnswerException ex) {
			this.err.println("Error: " + this.connector.notAnswering() + ".");
			return Failure.INTERNAL.exitCode();
		}
		catch (IOException ex) {
			answers = false;
		}
		if (state.isEmpty() || !answers) {
			if (asJson) {
				this.out.println(json(new String[][] { { "running", "false" }, { "home", quoted(address().home()) } }));
				return Failure.NOT_FOUND.exitCode();
			}
			this.out.println("No LocalDB daemon runs for " + address().home() + ". The next command starts one.");
			return Failure.NOT_FOUND.exitCode();
		}
		DaemonState daemon = state.get();
		if (asJson) {
			this.out.println(json(new String[][] { { "running", "true" }, { "home", quoted(address().home()) },
					{ "version", quoted(daemon.version()) }, { "pid", Long.toString(daemon.pid()) },
					{ "startedAt", quoted(daemon.startedAt()) }, { "socket", quoted(daemon.socket()) },
					{ "web", quoted(daemon.web()) }, { "log", quoted(address().logFile()) } }));
			return 0;
		}
		this.out.println("LocalDB daemon " + daemon.version() + ", pid " + daemon.pid() + ", running since "
				+ daemon.startedAt());
		this.out.println("  socket:  " + daemon.socket());
		this.out.println("  web:     " + daemon.web());
		this.out.println("  log:     " + address().logFile());
		return 0;
	}

	/**
	 * An object laid out as the other commands' {@code --json} (Jackson's pretty printer) prints it,
	 * written by hand: the client stays free of Jackson and Spring to start in milliseconds, and
	 * this is a handful of names with values already in JSON.
	 */
	private static String json(String[][] fields) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < fields.length; i++) {
			json.append(i == 0 ? "\n" : ",\n").append("  ").append(quoted(fields[i][0])).append(" : ").append(fields[i][1]);
		}
		return json.append("\n}").toString();
	}

	/** A JSON string: quotes, backslashes and control characters escaped. */
	static String quoted(Object value) {
		if (value == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toString().toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	/** A ping any daemon answers: an old build's answer (a mismatch) still says it is alive. */
	private boolean ping(Connection connection) throws IOException {
		connection.send(new Message.Ping(""), this.connector.patience());
		return !(connection.receive(this.connector.patience()) instanceof Message.Refused);
	}

	private int stop() {
		Optional<DaemonState> state = DaemonState.read(address().stateFile());
		boolean asked;
		try (Connection connection = this.connector.connect().orElse(null)) {
			if (connection == null) {
				this.out.println("No LocalDB daemon was running for " + address().home() + ".");
				return 0;
			}
			connection.send(new Message.Shutdown(), this.connector.patience());
			asked = connection.receive(this.connector.patience()) instanceof Message.Exit;
		}
		catch (NoAnswerException ex) {
			if (state.isPresent() && kill(state.get())) {
				this.err.println("localdb: " + this.connector.notAnswering().replaceFirst(";.*", "")
						+ "; it was killed (projects keep running).");
				return 0;
			}
			this.err.println("Error: " + this.connector.notAnswering() + ".");
			return Failure.INTERNAL.exitCode();
		}
		catch (IOException ex) {
			asked = false;
		}
		if (!asked && state.isPresent() && new ProcessTable().isRunning(state.get().identity())) {
			// a daemon of another build speaks another protocol: SIGTERM stops it as gracefully
			ProcessHandle.of(state.get().pid()).ifPresent(ProcessHandle::destroy);
		}
		if (state.isPresent() && !awaitExit(state.get())) {
			this.err.println("Error: the LocalDB daemon (pid " + state.get().pid() + ") was asked to stop but still runs after "
					+ STOP_PATIENCE.toSeconds() + " s (commands under way?); its log: " + address().logFile() + ".");
			return Failure.INTERNAL.exitCode();
		}
		this.out.println("✓ LocalDB daemon stopped" + state.map(s -> " (pid " + s.pid() + ")").orElse("")
				+ "; projects keep running.");
		return 0;
	}

	/** A daemon a client started gives way to the service's, which could not start beside it. */
	private void stopForService() {
		if (DaemonState.read(address().stateFile()).filter(state -> new ProcessTable().isRunning(state.identity()))
			.isPresent()) {
			stop();
		}
	}

	/** Only the daemon itself: its project servers are its children, and they keep running. */
	private boolean kill(DaemonState state) {
		ProcessTable processes = new ProcessTable();
		if (!processes.isRunning(state.identity())) {
			return true;
		}
		ProcessHandle.of(state.pid()).ifPresent(ProcessHandle::destroyForcibly);
		return awaitExit(state);
	}

	private boolean awaitExit(DaemonState state) {
		ProcessTable processes = new ProcessTable();
		long deadline = System.nanoTime() + STOP_PATIENCE.toNanos();
		while (processes.isRunning(state.identity())) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			DaemonStarter.sleep(20);
		}
		return true;
	}

	private static final Duration WEB_PORT_PATIENCE = Duration.ofSeconds(3);

	private int restart() {
		// the new daemon validates its settings and takes over; a bad one leaves this one running
		this.connector.starter().start(true).close();
		awaitWebPort();
		return status();
	}

	/**
	 * The new daemon binds the web port its predecessor held a moment ago once it is free; the
	 * status shows it served rather than waiting, unless another program holds it for longer.
	 */
	private void awaitWebPort() {
		long deadline = System.nanoTime() + WEB_PORT_PATIENCE.toNanos();
		while (System.nanoTime() < deadline && DaemonState.read(address().stateFile())
			.filter(state -> state.web().startsWith("none yet"))
			.isPresent()) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private int help() {
		this.out.println("""
				daemon [status | stop | restart | install | uninstall]
				  The LocalDB daemon runs every command, the web server (actuator) and the hourly cleanup for
				  one LOCALDB_HOME. The first command starts it; it stays while projects run, and exits after
				  localdb.daemon.idle-timeout (3 h) with none. Projects keep running when it stops.
				  status   pid, socket, web address and log of the running daemon (exit 3 when none runs);
				           status --json prints them as one JSON object
				  stop     stop it gracefully (commands under way finish first)
				  restart  start a new one with this terminal's settings; it replaces the running one once
				           its settings are valid (a bad setting is an error, and the running one stays)
				  install    start the daemon at login: a systemd user unit (launchd agent on macOS), enabled now
				  uninstall  disable and remove it
				Example: localdb daemon status""");
		return 0;
	}

}
