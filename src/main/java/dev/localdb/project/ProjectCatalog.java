package dev.localdb.project;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ExitRecord;
import dev.localdb.registry.GaveUp;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** What {@code localdb list} and {@code localdb port} show: every known project and its state. */
public class ProjectCatalog {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ProcessTable processes;

	private final StaleAllocationCleaner cleaner;

	private final Clock clock;

	public ProjectCatalog(RegistryService registry, ServerInfoStore servers, ProcessTable processes,
			StaleAllocationCleaner cleaner, Clock clock) {
		this.registry = registry;
		this.servers = servers;
		this.processes = processes;
		this.cleaner = cleaner;
		this.clock = clock;
	}

	/** Projects in the registry or with a runtime directory, by name. */
	public List<ProjectStatus> list() {
		Registry snapshot = this.registry.read();
		TreeSet<ProjectName> names = new TreeSet<>(snapshot.ports().keySet());
		names.addAll(this.servers.projectsOnDisk());
		List<ProjectStatus> statuses = new ArrayList<>();
		for (ProjectName project : names) {
			statuses.add(status(project, snapshot.allocation(project)));
		}
		return statuses;
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
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("PORT", Integer.toString(port));
		variables.put("PROJECT_NAME", project.value());
		variables.put("LOCALDB_HOST", host);
		variables.put("LOCALDB_URL", ServerInfo.url(host, port));
		return variables;
	}

	private ProjectStatus status(ProjectName project, Optional<Allocation> allocation) {
		Optional<RememberedProject> remembered = this.servers.remembered(project);
		History history = new History(remembered.map(RememberedProject::restarts).orElse(0),
				remembered.map(RememberedProject::restartedAt).orElse(List.of()),
				remembered.map(RememberedProject::gaveUp).orElse(null), this.servers.lastExit(project).orElse(null));
		Optional<ServerInfo> server = this.servers.read(project);
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
						info.url(), this.servers.health(project).orElse(null));
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
