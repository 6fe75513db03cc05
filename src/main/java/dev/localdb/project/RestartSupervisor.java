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
import dev.localdb.registry.PortKey;
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
	private final Map<PortKey, Deque<Instant>> recent = new ConcurrentHashMap<>();

	/** Projects the daemon gave up restarting (said once in its log). */
	private final Set<PortKey> givenUp = ConcurrentHashMap.newKeySet();

	/** Projects whose restart waits for its backoff, and until when. */
	private final Map<PortKey, Instant> waiting = new ConcurrentHashMap<>();

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
		// every server: a project's own and each instance of a cluster (api#2), each on its port
		for (PortKey instance : this.registry.read().entries().keySet()) {
			if (instance.port() != null) {
				continue;
			}
			ProjectName project = instance.project();
			Optional<ServerInfo> server = this.servers.read(instance);
			boolean exited = server.isPresent() && !this.processes.isRunning(server.get().processes());
			// given up is on disk: a daemon started afresh gives up too, until a start by hand
			if (exited && this.servers.remembered(project)
				.filter(remembered -> remembered.restartsOnFailure() && remembered.gaveUp() == null)
				.isPresent()) {
				restartWhenDue(instance);
			}
			else if (server.isPresent()) {
				this.givenUp.remove(instance);
			}
		}
	}

	private void restartWhenDue(PortKey instance) {
		ProjectName project = instance.project();
		Instant now = this.clock.instant();
		Deque<Instant> restarts = this.recent.computeIfAbsent(instance, name -> new ArrayDeque<>());
		while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(this.settings.restartWindow()))) {
			restarts.pollFirst();
		}
		if (restarts.size() >= this.settings.maxRestarts()) {
			// given up: its files stay stale until cleanup or a start, like any crashed server
			if (this.givenUp.add(instance)) {
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
		Instant due = this.waiting.computeIfAbsent(instance, name -> now.plus(this.settings.backoff(restarts.size())));
		if (now.isBefore(due)) {
			return;
		}
		this.waiting.remove(instance);
		restarts.addLast(now);
		try {
			this.projects.revive(instance)
				.ifPresent(result -> log.info("{} exited on its own; restarted on port {} (pid {})", instance,
						result.port(), result.pid()));
		}
		catch (LocalDbException ex) {
			log.warn("Restarting {} failed: {}", instance, ex.getMessage());
		}
	}

}
