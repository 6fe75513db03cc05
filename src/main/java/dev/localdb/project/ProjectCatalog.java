package dev.localdb.project;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;

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

	private ProjectStatus status(ProjectName project, Optional<Allocation> allocation) {
		int restarts = this.servers.remembered(project).map(RememberedProject::restarts).orElse(0);
		Optional<ServerInfo> server = this.servers.read(project);
		if (server.isPresent()) {
			ServerInfo info = server.get();
			if (this.processes.isRunning(info.processes())) {
				Duration uptime = Duration.between(info.startedAt(), this.clock.instant());
				if (!info.ready()) {
					// launched, not listening yet: no URL to open
					return new ProjectStatus(project, ProjectStatus.State.STARTING, info.port(), info.shownPid(), uptime,
							null, null, restarts);
				}
				return new ProjectStatus(project, ProjectStatus.State.RUNNING, info.port(), info.shownPid(), uptime,
						info.url(), this.servers.health(project).orElse(null), restarts);
			}
			return new ProjectStatus(project, ProjectStatus.State.STALE, info.port(), info.pid(), null, null, null, restarts);
		}
		if (allocation.isPresent()) {
			Allocation held = allocation.get();
			boolean starting = this.cleaner.staleReason(project, held).isEmpty();
			return new ProjectStatus(project, starting ? ProjectStatus.State.STARTING : ProjectStatus.State.STALE,
					held.port(), held.pid(), null, null, null, restarts);
		}
		return new ProjectStatus(project, ProjectStatus.State.STOPPED, null, null, null, null, null, restarts);
	}

}
