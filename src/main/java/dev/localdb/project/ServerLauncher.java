package dev.localdb.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.finder.PortAssignment;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PrivateDirectory;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.ExitRecord;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerRecords;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.web.WebPort;

/**
 * Launching a project's server: its command (LocalDB Studio or {@code sh -c} of a
 * {@code --command}, with the port flag a known dev server needs), its directory and environment,
 * its run in server.log, and its first record.
 */
final class ServerLauncher {

	private static final Logger log = LoggerFactory.getLogger(ServerLauncher.class);

	private final ServerRecords records;

	/** Runs whose launched process this JVM saw exit, not yet recorded. */
	private final Map<PortKey, Exited> exits = new ConcurrentHashMap<>();

	/** Runs LocalDB is ending itself. */
	private final Set<ProcessIdentity> ended = ConcurrentHashMap.newKeySet();

	private final RegistryService registry;

	private final ProcessTable processes;

	private final DetachedLauncher launcher;

	private final RuntimePaths paths;

	private final ProjectSettings settings;

	private final Clock clock;

	ServerLauncher(ServerRecords records, RegistryService registry, ProcessTable processes,
			DetachedLauncher launcher, RuntimePaths paths, ProjectSettings settings, Clock clock) {
		this.records = records;
		this.registry = registry;
		this.processes = processes;
		this.launcher = launcher;
		this.paths = paths;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Spawns the server detached, after a line in server.log that marks its run, identifies it and
	 * records it (server.json and the running allocation together). On failure the port is released
	 * and nothing it started keeps running.
	 */
	Launched launch(StartRequest request, PortKey instance, PortAssignment assignment, String host, Path directory,
			Map<String, Integer> namedPorts) {
		ProjectName project = request.project();
		int port = assignment.port();
		List<PortKey> named = namedPorts.keySet().stream().map(instance::named).toList();
		Optional<ShellCommand.PortFlag> portFlag = request.command() == null || Boolean.TRUE.equals(request.noPortFlag())
				? Optional.empty() : ShellCommand.withPortFlag(request.command());
		String command = portFlag.map(ShellCommand.PortFlag::command).orElse(request.command());
		Process process;
		Optional<String> launchedAt = this.processes.startTokenNow();
		try {
			Path log = this.paths.serverLog(instance);
			ServerLog.startRun(log, this.settings.logMaxSize().toBytes(), Instant.now(this.clock),
					command == null ? "LocalDB Studio on port " + port : "port " + port + ": " + command);
			Map<String, String> environment = variables(project, port, namedPorts, host,
					WebPort.namedUrl(this.paths.home(), project.value()).orElse(null));
			environment.put("LOCALDB_INSTANCE", Integer.toString(instance.instance()));
			process = this.launcher.launch(command(command), request.baseEnvironment(), environment, directory, log);
		}
		catch (PrivateDirectory.UnsafeFileException ex) {
			release(instance, named);
			throw new LocalDbException(Failure.STORAGE, ex.getMessage(), ex);
		}
		catch (IOException ex) {
			release(instance, named);
			throw new ServerStartFailedException("Could not start the server of '" + project + "': "
					+ ex.getMessage() + ". Check the command and that it is on PATH.", ex);
		}
		Optional<ProcessIdentity> server = this.processes.identify(process.pid());
		boolean leadsSession = server.map(this.processes::leadsSession).orElse(false);
		if (server.isEmpty() && launchedAt.isPresent() && exitedCleanly(process)) {
			// gone at once, cleanly: a server that daemonised itself; what it left is found by its start
			server = Optional.of(new ProcessIdentity(process.pid(), launchedAt.get()));
			leadsSession = this.launcher.detaches();
		}
		if (server.isEmpty()) {
			// gone before it could be identified: nothing of ours is running
			process.destroyForcibly();
			release(instance, named);
			throw new ServerStartFailedException(startFailure(instance, exited(process, port)));
		}
		// not ready until it listens: list shows it starting, scripts polling for running wait
		ServerInfo info = new ServerInfo(server.get().pid(), port, Instant.now(this.clock), server.get().start(),
				leadsSession, null, null, false, host, request.command());
		try {
			this.records.record(instance, info, assignment.allocation().allocatedAt(), named);
		}
		catch (RuntimeException ex) {
			// unrecorded, nothing would ever stop it
			this.processes.terminate(info.processes(), this.settings.stopGrace());
			release(instance, named);
			throw ex;
		}
		Optional<String> note = portFlag.map(flag -> "passing " + flag.flags().replace("$PORT", Integer.toString(port))
				+ " to " + flag.program() + " (it ignores $PORT); --no-port-flag turns this off");
		return new Launched(process, info, note);
	}

	/** {@code PORT_DEBUG} for the port named debug. */
	static String variable(String portName) {
		return "PORT_" + portName.toUpperCase(Locale.ROOT);
	}

	private void release(PortKey instance, List<PortKey> named) {
		this.registry.release(instance);
		this.records.release(named);
	}

	/**
	 * Undoes a failed start: ends the server's processes, and any process of this user that
	 * started since and listens on its port (a server that daemonised itself), then forgets it.
	 */
	void abandon(PortKey instance, ServerInfo info, List<ProcessIdentity> strays, List<PortKey> named,
			RuntimeException failure) {
		ending(info);
		this.processes.terminate(info.processes(), this.settings.stopGrace());
		strays.forEach(stray -> this.processes.terminate(stray, this.settings.stopGrace()));
		try {
			this.records.unrecord(instance);
			this.records.release(named);
		}
		catch (RuntimeException ex) {
			// a full disk: what is left has no server, and cleanup removes it
			if (failure != null) {
				failure.addSuppressed(ex);
			}
			else {
				throw ex;
			}
		}
	}

	/**
	 * Notes how the run ended when the launched process exits and the server went with it (not a
	 * wrapper killed while its server lives on); {@link #recordExits()} writes it down.
	 */
	void watchExit(PortKey instance, Process process, ServerInfo run) {
		process.onExit().thenAcceptAsync(exited -> {
			if (!this.ended.remove(run.process()) && !this.processes.isRunning(run.processes())) {
				this.exits.put(instance, new Exited(run, ExitRecord.of(exited.exitValue(), Instant.now(this.clock))));
			}
		});
	}

	/**
	 * Writes the exits seen so far to exit.json, of runs server.json still names (a stop removes
	 * it first). Done by the daemon's supervisor, never from the thread that saw the exit, so no
	 * write races a stop or a removal of the project's directory.
	 */
	void recordExits() {
		for (PortKey instance : List.copyOf(this.exits.keySet())) {
			Exited exited = this.exits.remove(instance);
			if (exited != null) {
				try {
					this.records.recordExit(instance, exited.run(), exited.exit());
				}
				catch (RuntimeException ex) {
					log.debug("Could not record how {} exited: {}", instance, ex.getMessage());
				}
			}
		}
	}

	/** LocalDB ends this run (stop, restart, forget): its exit is no run ending on its own. */
	void ending(ServerInfo run) {
		this.ended.add(run.process());
	}

	private record Exited(ServerInfo run, ExitRecord exit) {
	}

	/** A spawned, recorded server: the JVM's handle on it and its server.json. */
	record Launched(Process process, ServerInfo info, Optional<String> note) {
	}

	private static boolean exitedCleanly(Process process) {
		try {
			return process.waitFor(1, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static String exited(Process process, int port) {
		try {
			if (process.waitFor(1, TimeUnit.SECONDS)) {
				return "the server exited with status " + process.exitValue() + " before it listened on port " + port;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "the server process could not be identified";
	}

	/** Why the start failed, with the last lines of this run's log. */
	String startFailure(PortKey instance, String why) {
		ProjectName project = instance.project();
		Path log = this.paths.serverLog(instance);
		StringBuilder message = new StringBuilder((instance.isProject() ? "Project '" + project + "'"
				: "Instance " + instance.instance() + " of '" + project + "'") + " failed to start: " + why
				+ ". Its port was released.");
		List<String> tail = ServerLog.tail(log, this.settings.logTailLines(), false);
		if (!tail.isEmpty()) {
			message.append("\nLast lines of ").append(log).append(':');
			tail.forEach(line -> message.append("\n  | ").append(line));
		}
		message.append(tail.isEmpty() ? "\nFix the server (its log: " + log + ")" : "\nFix the server (see the log above)")
			.append(", then run 'localdb start ")
			.append(project)
			.append("' again.");
		return message.toString();
	}

	/**
	 * A {@code --command} runs where it was given, as in the user's own shell ({@code npm run dev}
	 * finds its package.json); LocalDB Studio runs in its project directory.
	 */
	Path workingDirectory(StartRequest request) {
		if (request.command() != null && request.directory() != null) {
			Path directory = Path.of(request.directory());
			if (Files.isDirectory(directory)) {
				return directory;
			}
			throw new ServerStartFailedException("Cannot run the command of '" + request.project() + "' in "
					+ directory + ": it is not a directory any more. Start it again with --command from the "
					+ "directory it should run in.");
		}
		return this.paths.studioDir(request.project());
	}

	private List<String> command(String command) {
		if (command != null) {
			return List.of("sh", "-c", ShellCommand.forShell(command));
		}
		return StudioCommand.build(this.settings.studioJvmOptions(), this.paths.home().resolve("studio"));
	}

	/**
	 * The variables LocalDB gives a project's server, which {@code env} and {@code exec} give too:
	 * PORT, PORT_&lt;NAME&gt; for each named port, PROJECT_NAME, LOCALDB_HOST, and LOCALDB_URL when
	 * {@code url} is not null.
	 */
	static Map<String, String> variables(ProjectName project, int port, Map<String, Integer> namedPorts, String host,
			String url) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("PORT", Integer.toString(port));
		namedPorts.forEach((name, namedPort) -> variables.put(variable(name), Integer.toString(namedPort)));
		variables.put("PROJECT_NAME", project.value());
		variables.put("LOCALDB_HOST", host);
		if (url != null) {
			variables.put("LOCALDB_URL", url);
		}
		return variables;
	}

}
