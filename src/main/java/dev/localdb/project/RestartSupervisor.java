package dev.localdb.project;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.localdb.os.ProcessTable;
import dev.localdb.registry.GaveUp;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.LocalDbException;

/**
 * The daemon's restart policy: a server of a project started with {@code --restart on-failure}
 * that exits on its own is started again on its port, at once the first time, then after a
 * doubling wait, at most {@code localdb.servers.max-restarts} times within
 * {@code localdb.servers.restart-window}; then the daemon gives up, records it in project.json
 * ({@code list} shows the project failed, {@code logs} says so) and in its log. A
 * {@code stop} is never undone: it removes server.json, and a project without one is not restarted.
 */
final class RestartSupervisor {

	private static final Logger log = LoggerFactory.getLogger(RestartSupervisor.class);

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ProcessTable processes;

	private final ProjectService projects;

	private final RestartSettings settings;

	private final Clock clock;

	/** Restarts per project within the window, oldest first. */
	private final Map<ProjectName, Deque<Instant>> recent = new ConcurrentHashMap<>();

	/** Projects the daemon gave up restarting (said once in its log). */
	private final Set<ProjectName> givenUp = ConcurrentHashMap.newKeySet();

	/** Projects whose restart waits for its backoff, and until when. */
	private final Map<ProjectName, Instant> waiting = new ConcurrentHashMap<>();

	RestartSupervisor(RegistryService registry, ServerInfoStore servers, ProcessTable processes, ProjectService projects,
			RestartSettings settings, Clock clock) {
		this.registry = registry;
		this.servers = servers;
		this.processes = processes;
		this.projects = projects;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${localdb.servers.restart-check:1s}")
	void check() {
		this.projects.recordExits();
		for (ProjectName project : this.registry.read().ports().keySet()) {
			Optional<ServerInfo> server = this.servers.read(project);
			boolean exited = server.isPresent() && !this.processes.isRunning(server.get().processes());
			// given up is on disk: a daemon started afresh gives up too, until a start by hand
			if (exited && this.servers.remembered(project)
				.filter(remembered -> remembered.restartsOnFailure() && remembered.gaveUp() == null)
				.isPresent()) {
				restartWhenDue(project);
			}
			else if (server.isPresent()) {
				this.givenUp.remove(project);
			}
		}
	}

	private void restartWhenDue(ProjectName project) {
		Instant now = this.clock.instant();
		Deque<Instant> restarts = this.recent.computeIfAbsent(project, name -> new ArrayDeque<>());
		while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(this.settings.restartWindow()))) {
			restarts.pollFirst();
		}
		if (restarts.size() >= this.settings.maxRestarts()) {
			// given up: its files stay stale until cleanup or a start, like any crashed server
			if (this.givenUp.add(project)) {
				// said where list, logs and the dashboard look, not only in the daemon's log
				this.servers.remembered(project)
					.ifPresent(remembered -> this.servers.remember(project,
							remembered.givenUp(new GaveUp(now, restarts.size() + 1))));
				log.warn("{} exited {} times within {}: the daemon gives up restarting it. Start it with "
						+ "'localdb start {}' when it is fixed.", project, restarts.size(), this.settings.restartWindow(),
						project);
			}
			return;
		}
		Instant due = this.waiting.computeIfAbsent(project, name -> now.plus(this.settings.backoff(restarts.size())));
		if (now.isBefore(due)) {
			return;
		}
		this.waiting.remove(project);
		restarts.addLast(now);
		try {
			this.projects.revive(project)
				.ifPresent(result -> log.info("{} exited on its own; restarted on port {} (pid {})", project,
						result.port(), result.pid()));
		}
		catch (LocalDbException ex) {
			log.warn("Restarting {} failed: {}", project, ex.getMessage());
		}
	}

}
