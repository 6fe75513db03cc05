package dev.localdb.project;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.localdb.finder.ScanService;
import dev.localdb.health.HealthChecker;
import dev.localdb.os.CrossProcessLock;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.registry.ServerRecords;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The seed's start and stop flows. Starts and stops of one project are serialised by a lock of
 * that project ({@code runtime/<project>/.studio/.lock}), so two terminals starting the same
 * project get one server; different projects start in parallel and only meet at the registry lock.
 */
public class ProjectService {

	/** How long one check of a cluster's new instance may take, as a connect or a request. */
	private static final Duration UP_CHECK_TIMEOUT = Duration.ofSeconds(2);

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ServerRecords records;

	private final ProcessTable processes;

	private final PortProbe probe;

	private final ServerLauncher launcher;

	private final InstanceRuns runs;

	private final Cluster cluster;

	private final ProjectLogs logs;

	private final RuntimePaths paths;

	private final ProjectSettings settings;

	public ProjectService(RegistryService registry, ServerInfoStore servers, ScanService scanner,
			ProcessTable processes, PortProbe probe, DetachedLauncher launcher, RuntimePaths paths,
			ProjectSettings settings, Clock clock) {
		this.registry = registry;
		this.servers = servers;
		this.records = new ServerRecords(registry, servers);
		this.processes = processes;
		this.probe = probe;
		this.launcher = new ServerLauncher(this.records, registry, processes, launcher, paths, settings, clock);
		this.runs = new InstanceRuns(registry, servers, this.records, scanner, processes, this.launcher,
				new ReadinessWait(processes, probe, settings.startTimeout()), settings);
		this.cluster = new Cluster(registry, servers, this.runs, settings, paths, clock,
				new UpWait(new HealthChecker(probe, processes, UP_CHECK_TIMEOUT, clock)));
		this.logs = new ProjectLogs(registry, servers, paths);
		this.paths = paths;
		this.settings = settings;
	}

	/** The project's live server, if it has one (server.json present, process alive and ours). */
	public Optional<ServerInfo> running(ProjectName project) {
		return this.runs.running(PortKey.of(project));
	}

	public StartResult start(StartRequest request, StartProgress progress) {
		requireLocalAddress(request.host());
		return withProjectLock(request.project(), () -> {
			// a running project is left as it is; otherwise what LocalDB remembers fills the gaps
			StartRequest known = request.orFrom(this.servers.remembered(request.project()), Optional.empty(),
					Optional.empty(), this.servers.environment(request.project()));
			StartRequest full = running(request.project()).isPresent() ? request : known;
			RememberedProject.Layout layout = request.layout(this.servers.layout(request.project()));
			StartResult first = this.runs.start(full, PortKey.of(request.project()), layout, progress);
			return this.cluster.converge(known, layout, first, progress);
		});
	}

	/**
	 * {@code scale}: the project's cluster grows to {@code instances} servers (each new one waited
	 * for until UP) or shrinks, its highest numbers stopped first; the others are not touched.
	 */
	public Scaled scale(ProjectName project, int instances, StartProgress progress) {
		StartRequest count = StartRequest.of(project).withInstances(instances);
		return withProjectLock(project, () -> this.cluster.scale(count.orFrom(this.servers.remembered(project),
				Optional.empty(), Optional.empty(), this.servers.environment(project)), instances, progress));
	}

	/** What {@link #scale} did: how many instances ran before, the ones running now, those it stopped. */
	public record Scaled(ProjectName project, int before, StartResult running, List<Integer> stopped) {
	}

	public StopResult stop(ProjectName project) {
		return stop(project, null);
	}

	/** @param grace how long to wait after SIGTERM before SIGKILL; null: localdb.servers.stop-grace */
	public StopResult stop(ProjectName project, Duration grace) {
		if (this.registry.read().entriesOf(project).isEmpty() && this.cluster.others(project).isEmpty()
				&& !this.servers.exists(project)) {
			throw new ProjectNotRunningException(
					"Project '" + project + "' is not running. See 'localdb list' for the projects LocalDB knows.");
		}
		Duration wait = grace != null ? grace : this.settings.stopGrace();
		return withProjectLock(project, () -> {
			List<StopResult> others = this.cluster.stopOthers(project, wait);
			if (others.isEmpty() || this.servers.exists(project)) {
				return stopLocked(project, wait).withOthers(others);
			}
			this.records.release(List.copyOf(this.registry.read().entriesOf(project).keySet()));
			return others.get(0).withOthers(others.subList(1, others.size()));
		});
	}

	/** A project's log: see {@link ProjectLogs#show}. */
	public void logs(ProjectName project, int lines, boolean allRuns, boolean follow, Consumer<String> out,
			BooleanSupplier stop) {
		this.logs.show(project, lines, allRuns, follow, out, stop);
	}

	/** The log of {@code instance} of a cluster: {@code server-N.log}. */
	public void logs(ProjectName project, int instance, int lines, boolean allRuns, boolean follow, Consumer<String> out,
			BooleanSupplier stop) {
		this.logs.show(project, instance, lines, allRuns, follow, out, stop);
	}

	/**
	 * Forgets a project: stops its server if it runs, then removes its registry entry and every
	 * file of it but its lock (see {@link ServerInfoStore#deleteAll}): a directory with nothing else
	 * in it is no project to LocalDB.
	 */
	public ForgetResult forget(ProjectName project) {
		if (!this.servers.projectsOnDisk().contains(project) && this.registry.allocation(project).isEmpty()) {
			throw new ProjectNotRunningException("LocalDB knows no project '" + project
					+ "'. See 'localdb list' for the projects it knows.");
		}
		return withProjectLock(project, () -> {
			this.cluster.stopOthers(project, this.settings.stopGrace());
			Optional<ServerInfo> server = running(project);
			server.ifPresent(this.launcher::ending);
			if (server.isPresent() && this.processes.terminate(server.get().processes(),
					this.settings.stopGrace()) == ProcessTable.Termination.SURVIVED) {
				throw StopResult.cannotStop(project, server.get());
			}
			this.records.unrecord(project);
			this.records.release(List.copyOf(this.registry.read().entriesOf(project).keySet()));
			this.servers.deleteAll(project);
			return new ForgetResult(project, server.map(ServerInfo::shownPid));
		});
	}

	/**
	 * Starts again, on its port, a server that exited on its own, when its project restarts on
	 * failure. Under the project's lock: a {@code stop} removes server.json first, so a stopped
	 * project is never started again.
	 * @return the new server, or empty when there was nothing to restart
	 */
	public Optional<StartResult> revive(ProjectName project) {
		return revive(PortKey.of(project));
	}

	/** {@link #revive(ProjectName)} of one instance of a cluster, on its port, with its named ports. */
	public Optional<StartResult> revive(PortKey instance) {
		ProjectName project = instance.project();
		return withProjectLock(project, () -> {
			Optional<ServerInfo> exited = this.servers.read(instance).filter(info -> !this.processes.isRunning(info.processes()));
			Optional<RememberedProject> remembered = this.servers.remembered(project);
			if (exited.isEmpty() || remembered.filter(RememberedProject::restartsOnFailure).isEmpty()) {
				return Optional.<StartResult>empty();
			}
			this.records.unrecord(instance);
			StartRequest again = StartRequest.of(project).withPort(exited.get().port())
				.orFrom(remembered, exited, Optional.empty(), this.servers.environment(project));
			StartResult result = this.runs.start(again, instance,
					this.servers.layout(project).orElse(RememberedProject.Layout.SINGLE), StartProgress.NONE);
			this.servers.remember(project, this.servers.remembered(project)
				.map(now -> now.restarted(remembered.get().restarts() + 1,
						this.servers.read(instance).map(ServerInfo::startedAt).orElseGet(Instant::now),
						remembered.get().restartedAt()))
				.orElseThrow());
			return Optional.of(result);
		});
	}

	/** Writes down how the runs this process launched ended, as far as it saw them end. */
	void recordExits() {
		this.launcher.recordExits();
	}

	/**
	 * Stops the project if it runs and starts it again with the same command and host, on the same
	 * port when that is still free.
	 */
	public StartResult restart(StartRequest request, StartProgress progress) {
		requireLocalAddress(request.host());
		ProjectName project = request.project();
		return withProjectLock(project, () -> {
			Optional<ServerInfo> previous = this.servers.read(project);
			StartRequest again = request.orFrom(this.servers.remembered(project), previous,
					this.registry.allocation(project), this.servers.environment(project));
			RememberedProject.Layout layout = request.layout(this.servers.layout(project));
			if (layout.instances() > 1) {
				return this.cluster.roll(again, layout,
						request.stopGrace() != null ? request.stopGrace() : this.settings.stopGrace(), progress);
			}
			boolean wasRunning = false;
			if (previous.isPresent()) {
				this.launcher.ending(previous.get());
				ProcessTable.Termination termination = this.processes.terminate(previous.get().processes(),
						request.stopGrace() != null ? request.stopGrace() : this.settings.stopGrace());
				if (termination == ProcessTable.Termination.SURVIVED) {
					throw StopResult.cannotStop(project, previous.get());
				}
				wasRunning = termination == ProcessTable.Termination.TERMINATED
						|| termination == ProcessTable.Termination.KILLED;
				this.records.unrecord(project);
			}
			StartResult started = this.cluster.converge(again, layout,
					this.runs.start(again, PortKey.of(project), layout, progress), progress);
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

	private StopResult stopLocked(ProjectName project, Duration grace) {
		Optional<ServerInfo> recorded = this.servers.read(project);
		if (recorded.isEmpty()) {
			Optional<Allocation> allocation = this.registry.allocation(project);
			if (allocation.isPresent() && allocation.get().state() == Allocation.State.RESERVED
					&& this.processes.isRunning(allocation.get().process())) {
				throw new LocalDbException(Failure.USAGE, "Project '" + project + "' is being started by process "
						+ allocation.get().pid() + "; wait for it to finish, then stop it.");
			}
			this.records.unrecord(project);
			throw new ProjectNotRunningException("Project '" + project + "' is not running"
					+ allocation.map(a -> "; released its leftover allocation of port " + a.port()).orElse("")
					+ ".");
		}
		ServerInfo info = recorded.get();
		this.launcher.ending(info);
		ProcessTable.Termination termination = this.processes.terminate(info.processes(), grace);
		return switch (termination) {
			// the server still runs: its files stay
			case SURVIVED -> throw StopResult.cannotStop(project, info);
			case TERMINATED, KILLED -> {
				this.records.unrecord(project);
				this.records.release(List.copyOf(this.registry.read().entriesOf(project).keySet()));
				yield new StopResult(project, info.port(), info.shownPid(), termination == ProcessTable.Termination.KILLED,
						!this.probe.isFree(info.port()));
			}
			case ALREADY_GONE -> {
				this.records.unrecord(project);
				throw new ProjectNotRunningException("Project '" + project + "' was not running: its server (pid "
						+ info.pid() + ") had already exited. Removed its server.json and released port " + info.port()
						+ ".");
			}
			case NOT_OURS -> {
				this.records.unrecord(project);
				throw new ProjectNotRunningException("Project '" + project + "' was not running: pid " + info.pid()
						+ " now belongs to another process, which was left alone. Removed its server.json and released port "
						+ info.port() + ".");
			}
		};
	}

	/** Runs {@code action} holding the project's lock, in its directory (made, and checked, first). */
	private <T> T withProjectLock(ProjectName project, CrossProcessLock.IoAction<T> action) {
		Path lockFile = this.paths.ensureStudioDir(project).resolve(".lock");
		try {
			return new CrossProcessLock(lockFile).call(action);
		}
		catch (IOException ex) {
			throw LocalDbException.storage("lock", lockFile, ex);
		}
	}

}
