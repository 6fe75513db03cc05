package dev.localdb.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

import dev.localdb.finder.PortAssignment;
import dev.localdb.finder.ScanService;
import dev.localdb.os.CrossProcessLock;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PortProbe;
import dev.localdb.os.PrivateDirectory;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The seed's start and stop flows. Starts and stops of one project are serialised by a lock of
 * that project ({@code runtime/<project>/.studio/.lock}), so two terminals starting the same
 * project get one server; different projects start in parallel and only meet at the registry lock.
 */
public class ProjectService {

	private static final Duration POLL = Duration.ofMillis(50);

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ScanService scanner;

	private final ProcessTable processes;

	private final PortProbe probe;

	private final DetachedLauncher launcher;

	private final RuntimePaths paths;

	private final ProjectSettings settings;

	private final Clock clock;

	public ProjectService(RegistryService registry, ServerInfoStore servers, ScanService scanner,
			ProcessTable processes, PortProbe probe, DetachedLauncher launcher, RuntimePaths paths,
			ProjectSettings settings, Clock clock) {
		this.registry = registry;
		this.servers = servers;
		this.scanner = scanner;
		this.processes = processes;
		this.probe = probe;
		this.launcher = launcher;
		this.paths = paths;
		this.settings = settings;
		this.clock = clock;
	}

	/** The project's live server, if it has one (server.json present, process alive and ours). */
	public Optional<ServerInfo> running(ProjectName project) {
		return this.servers.read(project).filter(info -> this.processes.isRunning(info.process()));
	}

	public StartResult start(StartRequest request, StartProgress progress) {
		requireLocalAddress(request.host());
		this.paths.ensureStudioDir(request.project());
		return withProjectLock(request.project(), () -> {
			// a running project is left as it is; otherwise what LocalDB remembers fills the gaps
			StartRequest full = running(request.project()).isPresent() ? request
					: request.orFrom(this.servers.remembered(request.project()), Optional.empty(), Optional.empty());
			return startLocked(full, progress);
		});
	}

	public StopResult stop(ProjectName project) {
		if (!this.servers.exists(project) && this.registry.allocation(project).isEmpty()) {
			throw new ProjectNotRunningException(
					"Project '" + project + "' is not running. See 'localdb list' for the projects LocalDB knows.");
		}
		this.paths.ensureStudioDir(project);
		return withProjectLock(project, () -> stopLocked(project));
	}

	/**
	 * A project's log: the last {@code lines} lines of its current run (of every run kept, with
	 * {@code allRuns}), and with {@code follow} what it appends after, until {@code stop} says so.
	 */
	public void logs(ProjectName project, int lines, boolean allRuns, boolean follow, Consumer<String> out,
			BooleanSupplier stop) {
		if (lines < 0) {
			throw new LocalDbException(Failure.USAGE, "-n takes a number of lines, 0 or more.");
		}
		Path log = this.paths.serverLog(project);
		if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
			if (!this.servers.projectsOnDisk().contains(project) && this.registry.allocation(project).isEmpty()) {
				throw new ProjectNotRunningException("LocalDB knows no project '" + project
						+ "'. See 'localdb list' for the projects it knows.");
			}
			if (!follow) {
				throw new ProjectNotRunningException("Project '" + project + "' has no log yet: it has not run.");
			}
		}
		try {
			long end = Files.exists(log, LinkOption.NOFOLLOW_LINKS) ? Files.size(log) : 0;
			if (allRuns) {
				Path previous = log.resolveSibling(log.getFileName() + ".1");
				if (Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
					ServerLog.tail(previous, Integer.MAX_VALUE, true).forEach(out);
				}
			}
			ServerLog.tail(log, lines, allRuns).forEach(out);
			if (follow) {
				ServerLog.follow(log, end, out, stop);
			}
		}
		catch (IOException ex) {
			throw LocalDbException.storage("read", log, ex);
		}
	}

	/**
	 * Forgets a project: stops its server if it runs, then removes its registry entry, its
	 * server.json, what is remembered of it (project.json) and its logs. The project's lock file
	 * stays (deleting a lock another process waits on would let two processes hold it); a directory
	 * with nothing else in it is no project to LocalDB.
	 * @return whether a running server was stopped
	 */
	public ForgetResult forget(ProjectName project) {
		if (!this.servers.projectsOnDisk().contains(project) && this.registry.allocation(project).isEmpty()) {
			throw new ProjectNotRunningException("LocalDB knows no project '" + project
					+ "'. See 'localdb list' for the projects it knows.");
		}
		this.paths.ensureStudioDir(project);
		return withProjectLock(project, () -> {
			Optional<ServerInfo> server = running(project);
			if (server.isPresent() && this.processes.terminate(server.get().process(),
					this.settings.stopGrace()) == ProcessTable.Termination.SURVIVED) {
				throw cannotStop(project, server.get());
			}
			unrecord(project);
			Path studio = this.paths.studioDir(project);
			try (var files = Files.list(studio)) {
				for (Path file : files.toList()) {
					if (!file.getFileName().toString().equals(".lock")) {
						Files.delete(file);
					}
				}
			}
			return new ForgetResult(project, server.map(ServerInfo::pid));
		});
	}

	/**
	 * Starts again, on its port, a server that exited on its own, when its project restarts on
	 * failure. Under the project's lock: a {@code stop} removes server.json first, so a stopped
	 * project is never started again.
	 * @return the new server, or empty when there was nothing to restart
	 */
	public Optional<StartResult> revive(ProjectName project) {
		this.paths.ensureStudioDir(project);
		return withProjectLock(project, () -> {
			Optional<ServerInfo> exited = this.servers.read(project).filter(info -> !this.processes.isRunning(info.process()));
			Optional<RememberedProject> remembered = this.servers.remembered(project);
			if (exited.isEmpty() || remembered.filter(RememberedProject::restartsOnFailure).isEmpty()) {
				return Optional.<StartResult>empty();
			}
			unrecord(project);
			StartRequest again = new StartRequest(project, exited.get().port(), null, null, null, null)
				.orFrom(remembered, exited, Optional.empty());
			StartResult result = startLocked(again, StartProgress.NONE);
			this.servers.remember(project, this.servers.remembered(project)
				.map(now -> new RememberedProject(now.command(), now.directory(), now.host(), now.port(), now.health(),
						now.restart(), remembered.get().restarts() + 1))
				.orElseThrow());
			return Optional.of(result);
		});
	}

	/**
	 * Stops the project if it runs and starts it again with the same command and host, on the same
	 * port when that is still free.
	 */
	public StartResult restart(StartRequest request, StartProgress progress) {
		requireLocalAddress(request.host());
		ProjectName project = request.project();
		this.paths.ensureStudioDir(project);
		return withProjectLock(project, () -> {
			Optional<ServerInfo> previous = this.servers.read(project);
			StartRequest again = request.orFrom(this.servers.remembered(project), previous,
					this.registry.allocation(project));
			boolean wasRunning = false;
			if (previous.isPresent()) {
				ProcessTable.Termination termination = this.processes.terminate(previous.get().process(),
						this.settings.stopGrace());
				if (termination == ProcessTable.Termination.SURVIVED) {
					throw cannotStop(project, previous.get());
				}
				wasRunning = termination == ProcessTable.Termination.TERMINATED
						|| termination == ProcessTable.Termination.KILLED;
				unrecord(project);
			}
			StartResult started = startLocked(again, progress);
			return wasRunning ? started.replacing() : started;
		});
	}

	/** Checked before anything is created or reserved: a bad address is bad input, not a failed start. */
	private void requireLocalAddress(String host) {
		if (host != null && !this.probe.isLocalAddress(host)) {
			throw new LocalDbException(Failure.USAGE, "'" + host + "' is not an address of this machine. Use "
					+ "127.0.0.1 (the default), 0.0.0.0 for every interface, or one of this machine's addresses.");
		}
	}

	private StartResult startLocked(StartRequest request, StartProgress progress) {
		ProjectName project = request.project();
		Optional<ServerInfo> live = running(project);
		if (live.isPresent()) {
			ServerInfo info = live.get();
			return new StartResult(project, info.port(), info.pid(), info.url(), true, Optional.empty(), false);
		}
		// A server.json whose process is gone is the seed's "Manual Server Kill": forget it.
		if (this.servers.exists(project)) {
			this.registry.locked(() -> this.servers.delete(project));
		}
		Path directory = workingDirectory(request);
		PortAssignment assignment = this.scanner.allocate(project, request.port(), this.processes.self());
		String host = request.host() != null ? request.host() : this.settings.host();
		Process process = launch(request, assignment.port(), host, directory);
		ServerInfo info = record(project, process, assignment, host, request.command());
		this.servers.remember(project, new RememberedProject(request.command(), request.directory(), host, info.port(),
				request.health(), "on-failure".equals(request.restart()) ? "on-failure" : null, 0));
		String failure = awaitListening(process, info, progress);
		if (failure != null) {
			this.processes.terminate(info.process(), this.settings.stopGrace());
			unrecord(project);
			if (progress.cancelled()) {
				throw new LocalDbException(Failure.CANCELLED, "Cancelled: the start of '" + project
						+ "' was stopped, its server ended and port " + info.port() + " released.");
			}
			throw new ServerStartFailedException(startFailure(project, failure));
		}
		return new StartResult(project, info.port(), info.pid(), info.url(), false, assignment.note(), false);
	}

	/** Spawns the server detached; on failure the port is released. */
	private Process launch(StartRequest request, int port, String host, Path directory) {
		ProjectName project = request.project();
		Path log = this.paths.serverLog(project);
		try {
			ServerLog.startRun(log, this.settings.logMaxSize().toBytes(), Instant.now(this.clock),
					request.command() == null ? "LocalDB Studio on port " + port : "port " + port + ": " + request.command());
			return this.launcher.launch(command(request), request.environment(), environment(project, port, host),
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
	}

	/**
	 * Identifies the spawned server and records it: server.json and the running allocation,
	 * together under the registry lock. A server gone before it could be identified is a failed
	 * start.
	 */
	private ServerInfo record(ProjectName project, Process process, PortAssignment assignment, String host,
			String command) {
		Optional<ProcessIdentity> server = this.processes.identify(process.pid());
		if (server.isEmpty()) {
			// gone before it could be identified: nothing of ours is running
			process.destroyForcibly();
			this.registry.release(project);
			throw new ServerStartFailedException(startFailure(project, exited(process, assignment.port())));
		}
		ServerInfo info = new ServerInfo(server.get().pid(), assignment.port(), Instant.now(this.clock),
				server.get().start(), host, command);
		this.registry.locked(() -> {
			this.servers.write(project, info);
			this.registry.update(current -> current.with(project,
					Allocation.running(info.port(), assignment.allocation().allocatedAt(), info.process())));
			return null;
		});
		return info;
	}

	private StopResult stopLocked(ProjectName project) {
		Optional<ServerInfo> recorded = this.servers.read(project);
		if (recorded.isEmpty()) {
			Optional<Allocation> allocation = this.registry.allocation(project);
			if (allocation.isPresent() && allocation.get().state() == Allocation.State.RESERVED
					&& this.processes.isRunning(allocation.get().process())) {
				throw new LocalDbException(Failure.USAGE, "Project '" + project + "' is being started by process "
						+ allocation.get().pid() + "; wait for it to finish, then stop it.");
			}
			unrecord(project);
			throw new ProjectNotRunningException("Project '" + project + "' is not running"
					+ allocation.map(a -> "; released its leftover allocation of port " + a.port()).orElse("")
					+ ".");
		}
		ServerInfo info = recorded.get();
		ProcessTable.Termination termination = this.processes.terminate(info.process(), this.settings.stopGrace());
		return switch (termination) {
			// the server still runs: its files stay
			case SURVIVED -> throw cannotStop(project, info);
			case TERMINATED, KILLED -> {
				unrecord(project);
				yield new StopResult(project, info.port(), info.pid(), termination == ProcessTable.Termination.KILLED,
						!this.probe.isFree(info.port()));
			}
			case ALREADY_GONE -> {
				unrecord(project);
				throw new ProjectNotRunningException("Project '" + project + "' was not running: its server (pid "
						+ info.pid() + ") had already exited. Removed its server.json and released port " + info.port()
						+ ".");
			}
			case NOT_OURS -> {
				unrecord(project);
				throw new ProjectNotRunningException("Project '" + project + "' was not running: pid " + info.pid()
						+ " now belongs to another process, which was left alone. Removed its server.json and released port "
						+ info.port() + ".");
			}
		};
	}

	private static LocalDbException cannotStop(ProjectName project, ServerInfo info) {
		return new LocalDbException(Failure.CANNOT_STOP, "Could not stop the server of '" + project + "' (pid "
				+ info.pid() + "): it still runs after SIGKILL, so LocalDB may not signal it (another user's "
				+ "process?). Stop it as its owner, then run 'localdb ports --cleanup'.");
	}

	/** Removes server.json and the registry entry together under the registry lock. */
	private void unrecord(ProjectName project) {
		this.registry.locked(() -> {
			this.servers.delete(project);
			this.registry.release(project);
			return null;
		});
	}

	/** @return null when the server accepts connections, else why it did not */
	private String awaitListening(Process process, ServerInfo server, StartProgress progress) {
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
		Set<Integer> elsewhere = this.probe.portsListenedBy(this.processes.family(server.process())).orElse(Set.of());
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
		return this.probe.isListenedBy(server.port(), this.processes.family(server.process()))
			.orElseGet(() -> this.probe.accepts(server.host(), server.port(), Duration.ofMillis(200)));
	}

	private static String exited(Process process, int port) {
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

	private String startFailure(ProjectName project, String why) {
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
	private Path workingDirectory(StartRequest request) {
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
			return List.of("sh", "-c", request.command());
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

	private <T> T withProjectLock(ProjectName project, CrossProcessLock.IoAction<T> action) {
		Path lockFile = this.paths.studioDir(project).resolve(".lock");
		try {
			return new CrossProcessLock(lockFile).call(action);
		}
		catch (IOException ex) {
			throw LocalDbException.storage("lock", lockFile, ex);
		}
	}

}
