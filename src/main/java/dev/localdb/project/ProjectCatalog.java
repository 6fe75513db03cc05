package dev.localdb.project;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ExitRecord;
import dev.localdb.registry.GaveUp;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.web.WebPort;

/** What {@code localdb list} and {@code localdb port} show: every known project and its state. */
public class ProjectCatalog {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ProcessTable processes;

	private final StaleAllocationCleaner cleaner;

	private final Clock clock;

	private final RuntimePaths paths;

	/** A directory changed this recently when it was read is read again (see {@link #recordedOnDisk()}). */
	static final Duration SETTLE = Duration.ofSeconds(1);

	private volatile Map<ProjectName, Recorded> recorded = Map.of();

	public ProjectCatalog(RegistryService registry, ServerInfoStore servers, ProcessTable processes,
			StaleAllocationCleaner cleaner, RuntimePaths paths, Clock clock) {
		this.paths = paths;
		this.registry = registry;
		this.servers = servers;
		this.processes = processes;
		this.cleaner = cleaner;
		this.clock = clock;
	}

	/** Projects in the registry or with a runtime directory, by name. */
	public List<ProjectStatus> list() {
		Registry snapshot = this.registry.read();
		Map<ProjectName, Recorded> onDisk = recordedOnDisk();
		TreeSet<ProjectName> names = new TreeSet<>(snapshot.ports().keySet());
		onDisk.forEach((project, recorded) -> {
			if (recorded.hasState()) {
				names.add(project);
			}
		});
		List<ProjectStatus> statuses = new ArrayList<>();
		for (ProjectName project : names) {
			Recorded recorded = onDisk.get(project);
			statuses.add(clustered(status(project, snapshot.allocation(project), recorded != null ? recorded : read(project)),
					snapshot.entriesOf(project)));
		}
		return statuses;
	}

	/**
	 * Every project directory's state files, re-read only where its {@code .studio} directory
	 * changed: each file there is replaced by a rename, which changes the directory's modification
	 * time, so one lstat per project stands for four file reads (each three lstats and an open). A
	 * directory changed within {@link #SETTLE} of its reading is read again: a second change in the
	 * same tick of the file system's clock would leave the time as it was.
	 */
	private Map<ProjectName, Recorded> recordedOnDisk() {
		Map<ProjectName, Recorded> seen = new HashMap<>();
		Path runtime = this.paths.runtime();
		if (!Files.isDirectory(runtime, LinkOption.NOFOLLOW_LINKS)) {
			this.recorded = Map.of();
			return seen;
		}
		Map<ProjectName, Recorded> known = this.recorded;
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runtime)) {
			for (Path dir : dirs) {
				String name = dir.getFileName().toString();
				if (!ProjectName.isValid(name)) {
					continue;
				}
				Optional<BasicFileAttributes> studio = studioAttributes(dir.resolve(".studio"));
				if (studio.isEmpty()) {
					continue;
				}
				ProjectName project = ProjectName.of(name);
				Recorded last = known.get(project);
				seen.put(project, last != null && last.stands(studio.get()) ? last : read(project, studio.get(), dir));
			}
		}
		catch (IOException ex) {
			throw LocalDbException.storage("list", runtime, ex);
		}
		this.recorded = seen;
		return seen;
	}

	private static Optional<BasicFileAttributes> studioAttributes(Path studio) throws IOException {
		try {
			BasicFileAttributes attributes = Files.readAttributes(studio, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			return attributes.isDirectory() ? Optional.of(attributes) : Optional.empty();
		}
		catch (FileSystemException ex) {
			// not a project directory (a file, a link), or gone meanwhile
			return Optional.empty();
		}
	}

	private Recorded read(ProjectName project, BasicFileAttributes studio, Path dir) throws IOException {
		// file times are the kernel's real time, whatever clock LocalDB is given
		long readAt = System.currentTimeMillis();
		boolean hasState = false;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(".studio"))) {
			for (Path file : files) {
				if (!file.getFileName().toString().equals(".lock")) {
					hasState = true;
					break;
				}
			}
		}
		Recorded fresh = read(project);
		return new Recorded(studio.fileKey(), studio.lastModifiedTime(), readAt, hasState, fresh.remembered(),
				fresh.lastExit(), fresh.server(), fresh.health());
	}

	/** The project's state files, read now (through the store, which refuses links). */
	private Recorded read(ProjectName project) {
		return new Recorded(null, null, 0, false, this.servers.remembered(project), this.servers.lastExit(project),
				this.servers.read(project), this.servers.health(project));
	}

	/** The project's line of {@code list}, read now; empty when LocalDB knows nothing of it. */
	public Optional<ProjectStatus> status(ProjectName project) {
		Recorded recorded = read(project);
		Optional<Allocation> allocation = this.registry.allocation(project);
		if (allocation.isEmpty() && recorded.remembered().isEmpty() && recorded.server().isEmpty()
				&& recorded.lastExit().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(clustered(status(project, allocation, recorded), this.registry.read().entriesOf(project)));
	}

	/**
	 * The status with its cluster's instances (when the registry holds more than the first) and its
	 * named ports: both read from the registry's entries of the project ({@code api#2}, {@code api:debug}).
	 */
	private ProjectStatus clustered(ProjectStatus status, Map<PortKey, Allocation> entries) {
		Map<String, Integer> ports = new TreeMap<>();
		List<ProjectStatus.Instance> instances = new ArrayList<>();
		entries.forEach((key, allocation) -> {
			if (key.port() != null) {
				if (key.instance() == 1) {
					ports.put(key.port(), allocation.port());
				}
			}
			else if (!key.isProject()) {
				instances.add(instance(key, allocation));
			}
		});
		if (!instances.isEmpty()) {
			instances.add(0, new ProjectStatus.Instance(1, status.state(), status.port(), status.pid(), status.uptime(),
					status.url(), status.health()));
		}
		return instances.isEmpty() && ports.isEmpty() ? status : status.with(instances, ports);
	}

	private ProjectStatus.Instance instance(PortKey key, Allocation allocation) {
		Optional<ServerInfo> server = this.servers.read(key);
		if (server.isPresent() && this.processes.isRunning(server.get().processes())) {
			ServerInfo info = server.get();
			Duration uptime = Duration.between(info.startedAt(), this.clock.instant());
			return info.ready()
					? new ProjectStatus.Instance(key.instance(), ProjectStatus.State.RUNNING, info.port(), info.shownPid(),
							uptime, info.url(), this.servers.health(key).orElse(null))
					: new ProjectStatus.Instance(key.instance(), ProjectStatus.State.STARTING, info.port(), info.shownPid(),
							uptime, null, null);
		}
		boolean starting = server.isEmpty() && this.cleaner.staleReason(key, allocation).isEmpty();
		return new ProjectStatus.Instance(key.instance(), starting ? ProjectStatus.State.STARTING : ProjectStatus.State.STALE,
				allocation.port(), allocation.pid(), null, null, null);
	}

	/**
	 * The servers that take the project's requests now: those running and listening, healthy unless
	 * their last check said DOWN (none checked yet counts as healthy). Empty when none runs.
	 */
	public List<Backend> backends(ProjectName project) {
		List<Backend> backends = new ArrayList<>();
		TreeSet<PortKey> instances = new TreeSet<>();
		instances.add(PortKey.of(project));
		this.registry.read().entriesOf(project).keySet().stream().filter(key -> key.port() == null).forEach(instances::add);
		for (PortKey instance : instances) {
			Optional<ServerInfo> server = this.servers.read(instance);
			if (server.isPresent() && server.get().ready() && this.processes.isRunning(server.get().processes())) {
				boolean healthy = this.servers.health(instance)
					.map(h -> h.status() != HealthRecord.Status.DOWN)
					.orElse(true);
				backends.add(new Backend(instance.instance(), server.get().host(), server.get().port(), healthy));
			}
		}
		return backends;
	}

	/** The port the project holds in the registry. */
	public OptionalInt port(ProjectName project) {
		return this.registry.allocation(project).map(a -> OptionalInt.of(a.port())).orElse(OptionalInt.empty());
	}

	/**
	 * What {@code localdb env} prints and {@code localdb exec} adds to a command's environment, in
	 * this order: the variables the project's server gets from LocalDB (PORT, PROJECT_NAME,
	 * LOCALDB_HOST) and its URL (LOCALDB_URL), for the port it holds; never its {@code --env} values.
	 * @param defaultHost the address when neither its server nor LocalDB's memory of it names one
	 * @throws LocalDbException (not found) when the project holds no port
	 */
	public Map<String, String> variables(ProjectName project, String defaultHost) {
		int port = port(project).orElseThrow(() -> new LocalDbException(Failure.NOT_FOUND,
				"Project '" + project + "' holds no port. Start it with 'localdb start " + project + "'."));
		String host = this.servers.read(project)
			.map(ServerInfo::host)
			.or(() -> this.servers.remembered(project).map(RememberedProject::host))
			.orElse(defaultHost);
		Map<String, Integer> namedPorts = new LinkedHashMap<>();
		this.registry.read().entriesOf(project).forEach((key, allocation) -> {
			if (key.port() != null && key.instance() == 1) {
				namedPorts.put(key.port(), allocation.port());
			}
		});
		return ServerLauncher.variables(project, port, namedPorts, host,
				WebPort.namedUrl(this.paths.home(), project.value()).orElse(ServerInfo.url(host, port)));
	}

	private ProjectStatus status(ProjectName project, Optional<Allocation> allocation, Recorded recorded) {
		Optional<RememberedProject> remembered = recorded.remembered();
		History history = new History(remembered.map(RememberedProject::restarts).orElse(0),
				remembered.map(RememberedProject::restartedAt).orElse(List.of()),
				remembered.map(RememberedProject::gaveUp).orElse(null), recorded.lastExit().orElse(null));
		Optional<ServerInfo> server = recorded.server();
		if (server.isPresent()) {
			ServerInfo info = server.get();
			if (this.processes.isRunning(info.processes())) {
				Duration uptime = Duration.between(info.startedAt(), this.clock.instant());
				if (!info.ready()) {
					// launched, not listening yet: no URL to open
					return history.status(project, ProjectStatus.State.STARTING, info.port(), info.shownPid(), uptime, null,
							null);
				}
				return history.status(project, ProjectStatus.State.RUNNING, info.port(), info.shownPid(), uptime,
						info.url(), recorded.health().orElse(null));
			}
			return history.status(project, history.failedOr(ProjectStatus.State.STALE), info.port(), info.shownPid(),
					null, null, null);
		}
		if (allocation.isPresent()) {
			Allocation held = allocation.get();
			boolean starting = this.cleaner.staleReason(project, held).isEmpty();
			return history.status(project, starting ? ProjectStatus.State.STARTING : history.failedOr(ProjectStatus.State.STALE),
					held.port(), held.pid(), null, null, null);
		}
		return history.status(project, history.failedOr(ProjectStatus.State.STOPPED), null, null, null, null, null);
	}

	/**
	 * A project's state files as read when its {@code .studio} directory (this inode) had this
	 * modification time; empty where a file is missing or corrupt.
	 */
	private record Recorded(Object fileKey, FileTime modified, long readAt, boolean hasState,
			Optional<RememberedProject> remembered, Optional<ExitRecord> lastExit, Optional<ServerInfo> server,
			Optional<HealthRecord> health) {

		boolean stands(BasicFileAttributes studio) {
			return this.fileKey != null && this.fileKey.equals(studio.fileKey())
					&& this.modified.equals(studio.lastModifiedTime())
					&& this.modified.toMillis() < this.readAt - SETTLE.toMillis();
		}

	}

	/** What the daemon's supervisor and the launching process recorded of the project's runs. */
	private record History(int restarts, List<Instant> restartedAt, GaveUp gaveUp, ExitRecord lastExit) {

		ProjectStatus.State failedOr(ProjectStatus.State state) {
			return this.gaveUp != null ? ProjectStatus.State.FAILED : state;
		}

		ProjectStatus status(ProjectName project, ProjectStatus.State state, Integer port, Long pid, Duration uptime,
				String url, HealthRecord health) {
			return new ProjectStatus(project, state, port, pid, uptime, url, health, this.restarts, this.restartedAt,
					this.gaveUp, this.lastExit);
		}

	}

}
