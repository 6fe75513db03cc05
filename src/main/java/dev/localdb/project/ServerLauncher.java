package dev.localdb.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.localdb.finder.PortAssignment;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PortProbe;
import dev.localdb.os.PrivateDirectory;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerRecords;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Launching a project's server: its command (LocalDB Studio or {@code sh -c} of a
 * {@code --command}), its directory and environment, its run in server.log, and the wait until
 * its own processes listen on its port.
 */
final class ServerLauncher {

	private static final Duration POLL = Duration.ofMillis(50);

	private final ServerRecords records;

	private final RegistryService registry;

	private final ProcessTable processes;

	private final PortProbe probe;

	private final DetachedLauncher launcher;

	private final RuntimePaths paths;

	private final ProjectSettings settings;

	private final Clock clock;

	ServerLauncher(ServerRecords records, RegistryService registry, ProcessTable processes, PortProbe probe,
			DetachedLauncher launcher, RuntimePaths paths, ProjectSettings settings, Clock clock) {
		this.records = records;
		this.registry = registry;
		this.processes = processes;
		this.probe = probe;
		this.launcher = launcher;
		this.paths = paths;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Spawns the server detached, after a line in server.log that marks its run, identifies it and
	 * records it (server.json and the running allocation together). On failure the port is released.
	 */
	Launched launch(StartRequest request, PortAssignment assignment, String host, Path directory) {
		ProjectName project = request.project();
		int port = assignment.port();
		Process process;
		try {
			Path log = this.paths.serverLog(project);
			ServerLog.startRun(log, this.settings.logMaxSize().toBytes(), Instant.now(this.clock),
					request.command() == null ? "LocalDB Studio on port " + port : "port " + port + ": " + request.command());
			process = this.launcher.launch(command(request), request.environment(), environment(project, port, host),
					directory, log);
		}
		catch (PrivateDirectory.UnsafeFileException ex) {
			this.registry.release(project);
			throw new LocalDbException(Failure.STORAGE, ex.getMessage(), ex);
		}
		catch (IOException ex) {
			this.registry.release(project);
			throw new ServerStartFailedException("Could not start the server of '" + project + "': "
					+ ex.getMessage() + ". Check the command and that it is on PATH.", ex);
		}
		Optional<ProcessIdentity> server = this.processes.identify(process.pid());
		if (server.isEmpty()) {
			// gone before it could be identified: nothing of ours is running
			process.destroyForcibly();
			this.registry.release(project);
			throw new ServerStartFailedException(startFailure(project, exited(process, port)));
		}
		// not ready until it listens: list shows it starting, scripts polling for running wait
		ServerInfo info = new ServerInfo(server.get().pid(), port, Instant.now(this.clock), server.get().start(),
				this.processes.leadsSession(server.get()), null, null, false, host, request.command());
		this.records.record(project, info, assignment.allocation().allocatedAt());
		return new Launched(process, info);
	}

	/**
	 * Records that the server listens, with the process of its own that holds the listening socket
	 * (the one {@code list} shows: a wrapper's pid is no server's), in server.json and the registry.
	 */
	ServerInfo ready(ProjectName project, ServerInfo server) {
		Set<Long> family = this.processes.family(server.processes());
		Set<Long> holders = this.probe.listeners().map(all -> all.getOrDefault(server.port(), Set.of())).orElse(Set.of());
		ProcessIdentity listener = holders.contains(server.pid()) ? server.process()
				: holders.stream()
					.filter(family::contains)
					.sorted()
					.map(this.processes::identify)
					.flatMap(Optional::stream)
					.findFirst()
					.orElse(null);
		ServerInfo listening = server.listening(listener);
		this.records.update(project, listening);
		return listening;
	}

	/** A spawned, recorded server: the JVM's handle on it and its server.json. */
	record Launched(Process process, ServerInfo info) {
	}

	/** @return null when the server accepts connections, else why it did not */
	String awaitListening(Process process, ServerInfo server, StartProgress progress) {
		int port = server.port();
		long started = System.nanoTime();
		long deadline = started + this.settings.startTimeout().toNanos();
		try {
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					return exited(process, port);
				}
				if (listens(server)) {
					return null;
				}
				if (progress.cancelled()) {
					return "the start was cancelled";
				}
				progress.waiting(port, Duration.ofNanos(System.nanoTime() - started));
				try {
					if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
						continue;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return "the start was interrupted";
				}
			}
			return "the server did not accept connections on port " + port + " within "
					+ this.settings.startTimeout().toSeconds() + " s (localdb.servers.start-timeout)" + portHint(server);
		}
		finally {
			progress.finished();
		}
	}

	/** Why a server may listen elsewhere: its command ignores $PORT, or it picked another port. */
	private String portHint(ServerInfo server) {
		Set<Integer> elsewhere = this.probe.portsListenedBy(this.processes.family(server.processes())).orElse(Set.of());
		if (!elsewhere.isEmpty()) {
			return "; it listens on port " + elsewhere.stream().map(String::valueOf).collect(Collectors.joining(", "))
					+ " instead: make it use $PORT";
		}
		if (server.command() != null && !server.command().contains("PORT")) {
			return "; its command does not mention $PORT: LocalDB gives the server its port in the PORT "
					+ "environment variable, e.g. --command 'python3 -m http.server $PORT'";
		}
		return "";
	}

	/** The server's own processes hold the listening socket: a connect alone can be fooled. */
	private boolean listens(ServerInfo server) {
		return this.probe.isListenedBy(server.port(), this.processes.family(server.processes()))
			.orElseGet(() -> this.probe.accepts(server.host(), server.port(), Duration.ofMillis(200)));
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
	String startFailure(ProjectName project, String why) {
		Path log = this.paths.serverLog(project);
		StringBuilder message = new StringBuilder("Project '" + project + "' failed to start: " + why
				+ ". Its port was released.");
		List<String> tail = ServerLog.tail(log, this.settings.logTailLines(), false);
		if (!tail.isEmpty()) {
			message.append("\nLast lines of ").append(log).append(':');
			tail.forEach(line -> message.append("\n  | ").append(line));
		}
		message.append("\nFix the server (see the log above), then run 'localdb start ")
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

	private List<String> command(StartRequest request) {
		if (request.command() != null) {
			return List.of("sh", "-c", ShellCommand.forShell(request.command()));
		}
		return StudioCommand.build(this.settings.studioJvmOptions(), this.paths.home().resolve("studio"));
	}

	private static Map<String, String> environment(ProjectName project, int port, String host) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PORT", Integer.toString(port));
		environment.put("PROJECT_NAME", project.value());
		environment.put("LOCALDB_HOST", host);
		return environment;
	}

}
