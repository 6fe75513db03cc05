package dev.localdb.daemon;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import dev.localdb.project.ProjectService;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.project.StartResult;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * What a daemon does first with servers that went away while no daemon watched them (a reboot, a
 * power loss, a daemon stopped or killed meanwhile): server.json still records them, as a
 * {@code stop} would have removed it. Each with a restart policy is stopped as {@code stop} stops
 * one whose server is gone (server.json removed, port released), before scheduled work begins, so
 * the restart supervisor does not take a reboot for a crash; then, once the daemon serves, those
 * started with {@code --restart always} are started again, on their ports, with what LocalDB
 * remembers of them (command, directory, environment), dependencies first. Not from server.json: the first start's
 * allocation cleans up the other stale entries, which would leave the rest unresumed.
 */
final class ResumeAtStart implements SmartInitializingSingleton, ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(ResumeAtStart.class);

	private final ProjectService projects;

	private final ServerInfoStore servers;

	private final List<ProjectName> resumed = new ArrayList<>();

	ResumeAtStart(ProjectService projects, ServerInfoStore servers) {
		this.projects = projects;
		this.servers = servers;
	}

	/** Runs once every bean exists, before the context is refreshed, when scheduled work begins. */
	@Override
	public void afterSingletonsInstantiated() {
		for (ProjectName project : this.servers.projectsOnDisk()) {
			try {
				settle(project);
			}
			catch (RuntimeException ex) {
				log.warn("At start-up, could not settle {}, whose server went away: {}", project, ex.getMessage());
			}
		}
	}

	private void settle(ProjectName project) {
		Optional<ServerInfo> gone = this.servers.read(project).filter(info -> this.projects.running(project).isEmpty());
		Optional<RestartPolicy> policy = this.servers.remembered(project).map(RememberedProject::restart);
		// no policy: nothing would restart it; it stays stale for list and the cleanup, as ever
		if (gone.isEmpty() || policy.isEmpty()) {
			return;
		}
		try {
			this.projects.stop(project);
		}
		catch (LocalDbException ex) {
			if (ex.failure() != Failure.NOT_FOUND) {
				throw ex;
			}
		}
		if (policy.get() == RestartPolicy.ALWAYS) {
			this.resumed.add(project);
			log.info("{} (restart always) went away while no daemon watched it: it starts again on port {}", project,
					gone.get().port());
		}
		else {
			log.info("{} went away while no daemon watched it; only --restart always resumes it: port {} released",
					project, gone.get().port());
		}
	}

	/** In the background: the daemon answers clients meanwhile. */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.resumed.isEmpty()) {
			return;
		}
		Thread resume = new Thread(this::resume, "localdb-resume");
		resume.setDaemon(true);
		resume.start();
	}

	private void resume() {
		for (ProjectName project : dependenciesFirst(this.resumed)) {
			try {
				StartResult started = this.projects.start(StartRequest.of(project), StartProgress.NONE);
				log.info("{} resumed on port {} (pid {})", project, started.port(), started.pid());
			}
			catch (LocalDbException ex) {
				log.warn("Resuming {} failed: {}", project, ex.getMessage());
			}
		}
	}

	/**
	 * Each project after those of {@code resumed} it depends on ({@code depends_on} of the
	 * localdb.yml that {@code up} started it from, in source.json); a start returns once its server
	 * is ready, so a dependency runs before its dependents start. Others keep their order.
	 */
	private List<ProjectName> dependenciesFirst(List<ProjectName> resumed) {
		Map<ProjectName, List<ProjectName>> dependencies = new LinkedHashMap<>();
		for (ProjectName project : resumed) {
			dependencies.put(project, this.servers.source(project)
				.map(source -> source.dependsOn().stream().filter(ProjectName::isValid).map(ProjectName::of).toList())
				.orElse(List.of()));
		}
		Set<ProjectName> ordered = new LinkedHashSet<>();
		dependencies.keySet().forEach(project -> visit(project, dependencies, ordered, new HashSet<>()));
		return List.copyOf(ordered);
	}

	/** Depth first; {@code path} stops a cycle (up refuses one, a hand-edited file might not). */
	private static void visit(ProjectName project, Map<ProjectName, List<ProjectName>> dependencies,
			Set<ProjectName> ordered, Set<ProjectName> path) {
		if (ordered.contains(project) || !dependencies.containsKey(project) || !path.add(project)) {
			return;
		}
		dependencies.get(project).forEach(dependency -> visit(dependency, dependencies, ordered, path));
		ordered.add(project);
	}

}
