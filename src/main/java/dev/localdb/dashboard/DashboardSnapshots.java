package dev.localdb.dashboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.ProcessTable;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectStatus;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.share.ShareStatus;
import dev.localdb.web.WebPort;

/** Takes the {@link DashboardState} of this moment. */
class DashboardSnapshots {

	private final ProjectCatalog catalog;

	private final StaleAllocationCleaner cleaner;

	private final ServerInfoStore servers;

	private final ProcessTable processes;

	private final String daemon;

	private final WebPort web;

	private final Supplier<List<ShareStatus>> shares;

	/** Each running server's CPU time at the last look: the next look's percentage is measured from it. */
	private final Map<ProjectName, Sample> lastLook = new ConcurrentHashMap<>();

	DashboardSnapshots(ProjectCatalog catalog, StaleAllocationCleaner cleaner, ServerInfoStore servers,
			ProcessTable processes, String mode, WebPort web, Supplier<List<ShareStatus>> shares) {
		this.catalog = catalog;
		this.shares = shares;
		this.web = web;
		this.cleaner = cleaner;
		this.servers = servers;
		this.processes = processes;
		this.daemon = "serve".equals(mode) ? "running (pid " + ProcessHandle.current().pid() + ")"
				: "no daemon: this session serves the page";
	}

	DashboardState take() {
		String web = this.web.served() ? this.web.url() : "waiting for port " + this.web.port();
		Map<ProjectName, ShareStatus> shared = new HashMap<>();
		this.shares.get().forEach(share -> shared.put(share.project(), share));
		List<DashboardProject> projects = this.catalog.list()
			.stream()
			.map(status -> project(status).withShare(shared.get(status.project())))
			.toList();
		this.lastLook.keySet().retainAll(projects.stream().map(project -> project.status().project()).toList());
		return new DashboardState(projects, this.cleaner.report().lastCleanup(), this.daemon, web);
	}

	private DashboardProject project(ProjectStatus status) {
		Optional<RememberedProject> remembered = this.servers.remembered(status.project());
		String command = remembered.map(RememberedProject::command).orElse(null);
		String directory = command == null ? null : remembered.map(RememberedProject::directory).orElse(null);
		Optional<ServerInfo> server = status.state() == ProjectStatus.State.RUNNING ? this.servers.read(status.project())
				: Optional.empty();
		if (server.isEmpty()) {
			this.lastLook.remove(status.project());
			return new DashboardProject(status, command, directory, null, null);
		}
		ProcessTable.Usage usage = this.processes.usage(this.processes.family(server.get().processes()));
		Sample now = new Sample(usage.cpuTime(), System.nanoTime());
		Sample before = this.lastLook.put(status.project(), now);
		Integer cpu = before == null || now.at() <= before.at() ? null
				: (int) Math.round(100.0 * now.cpu().minus(before.cpu()).toNanos() / (now.at() - before.at()));
		return new DashboardProject(status, command, directory, cpu == null ? null : Math.max(0, cpu),
				usage.residentBytes(), this.web.served() ? this.web.namedUrl(status.project().value()) : null);
	}

	private record Sample(Duration cpu, long at) {
	}

}
