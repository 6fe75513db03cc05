package dev.localdb.project;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Cluster mode: the further instances of a project ({@code --instances N}), numbered 2..N beside
 * the project's own server (instance 1), each on its own port with its own registry entry
 * ({@code api#2}), server.json ({@code server-2.json}) and log ({@code server-2.log}). Scaling
 * starts or stops the highest numbers only; a restart rolls through the instances one at a time,
 * each taken out of the backends first and back once UP, so the others serve meanwhile. Callers
 * hold the project's lock.
 */
final class Cluster {

	/**
	 * How long an instance that is about to stop stays up after it is marked DOWN: a proxy (or a
	 * client) that chose it just before finishes its request.
	 */
	static final Duration DRAIN = Duration.ofMillis(300);

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final InstanceRuns runs;

	private final ProjectSettings settings;

	private final RuntimePaths paths;

	private final Clock clock;

	private final UpWait up;

	Cluster(RegistryService registry, ServerInfoStore servers, InstanceRuns runs, ProjectSettings settings,
			RuntimePaths paths, Clock clock, UpWait up) {
		this.up = up;
		this.paths = paths;
		this.registry = registry;
		this.servers = servers;
		this.runs = runs;
		this.settings = settings;
		this.clock = clock;
	}

	/** The project's further instances LocalDB knows of (an entry or a server.json), in order. */
	List<PortKey> others(ProjectName project) {
		TreeSet<PortKey> instances = new TreeSet<>(this.servers.instances(project));
		this.registry.read().entriesOf(project).keySet().stream().filter(key -> key.port() == null).forEach(instances::add);
		instances.remove(PortKey.of(project));
		return List.copyOf(instances);
	}

	/**
	 * After the first instance started (or ran already): remembers the layout, starts instances
	 * 2..N that do not run, each waited for until UP, and stops those above N. When this call
	 * started the first instance and a further one fails, every instance it started is stopped:
	 * nothing is left half-started.
	 */
	StartResult converge(StartRequest request, RememberedProject.Layout layout, StartResult first,
			StartProgress progress) {
		ProjectName project = request.project();
		remember(project, layout, first);
		List<StartResult> others = new ArrayList<>();
		try {
			if (!first.alreadyRunning() && layout.instances() > 1) {
				// the first of a cluster takes requests once UP, like the others
				awaitUp(PortKey.of(project), request);
			}
			for (int n = 2; n <= layout.instances(); n++) {
				PortKey instance = PortKey.instance(project, n);
				Integer held = this.registry.allocation(instance).map(Allocation::port).orElse(null);
				others.add(startUp(request.withPort(held), instance, layout, progress));
			}
		}
		catch (RuntimeException ex) {
			if (!first.alreadyRunning()) {
				others.stream().filter(result -> !result.alreadyRunning()).forEach(result -> quietly(
						() -> this.runs.stop(PortKey.instance(project, result.instance()), this.settings.stopGrace(), true), ex));
				quietly(() -> this.runs.stop(PortKey.of(project), this.settings.stopGrace(), true), ex);
			}
			throw ex;
		}
		retireAbove(project, layout.instances());
		return first.withOthers(others);
	}

	/** Remembers the layout, with the ports the first instance's named ports have now. */
	private void remember(ProjectName project, RememberedProject.Layout layout, StartResult first) {
		RememberedProject.Layout known = layout;
		for (Map.Entry<String, Integer> port : first.ports().entrySet()) {
			known = known.withPort(port.getKey(), port.getValue());
		}
		if (!known.equals(this.servers.layout(project).orElse(RememberedProject.Layout.SINGLE))) {
			this.servers.rememberLayout(project, known);
		}
	}

	/** Retires the instances above {@code count}, the highest first. @return those that ran */
	private List<Integer> retireAbove(ProjectName project, int count) {
		List<PortKey> above = new ArrayList<>(others(project).stream().filter(key -> key.instance() > count).toList());
		Collections.reverse(above);
		List<Integer> stopped = new ArrayList<>();
		for (PortKey extra : above) {
			if (retire(extra)) {
				stopped.add(extra.instance());
			}
		}
		return stopped;
	}

	/** Stops every further instance (a stop, a forget of the project): those that ran, in order. */
	List<StopResult> stopOthers(ProjectName project, Duration grace) {
		List<StopResult> stopped = new ArrayList<>();
		for (PortKey instance : others(project)) {
			InstanceRuns.Stopped ended = this.runs.stop(instance, grace, true);
			if (ended.wasRunning()) {
				ServerInfo info = ended.server().orElseThrow();
				stopped.add(new StopResult(project, info.port(), info.shownPid(),
						ended.termination() == ProcessTable.Termination.KILLED, false));
			}
		}
		return stopped;
	}

	/**
	 * The rolling restart: each instance in turn is marked DOWN (out of the backends), left
	 * {@link #DRAIN} to finish what it was sent, stopped, started again on its port and waited for
	 * until UP; only then the next. The first instance's request is remembered as by any restart.
	 */
	StartResult roll(StartRequest request, RememberedProject.Layout layout, Duration grace, StartProgress progress) {
		ProjectName project = request.project();
		List<StartResult> results = new ArrayList<>();
		for (int n = 1; n <= layout.instances(); n++) {
			PortKey instance = PortKey.instance(project, n);
			Optional<ServerInfo> previous = this.servers.read(instance);
			boolean wasRunning = false;
			if (previous.isPresent()) {
				if (this.runs.running(instance).isPresent()) {
					markDown(instance, "restarting");
					LockSupport.parkNanos(DRAIN.toNanos());
				}
				wasRunning = this.runs.stop(instance, grace, false).wasRunning();
			}
			Integer port = previous.map(ServerInfo::port)
				.or(() -> this.registry.allocation(instance).map(Allocation::port))
				.orElse(n == 1 ? request.port() : null);
			StartResult started = startUp(n == 1 ? request : request.withPort(port), instance, layout, progress);
			results.add(wasRunning ? started.replacing() : started);
		}
		remember(project, layout, results.get(0));
		retireAbove(project, layout.instances());
		return results.get(0).withOthers(results.subList(1, results.size()));
	}

	/**
	 * {@code scale}: starts instances up to {@code count} (each waited for until UP) or stops those
	 * above it, the highest first; the others are left alone.
	 */
	ProjectService.Scaled scale(StartRequest request, int count, StartProgress progress) {
		ProjectName project = request.project();
		if (this.runs.running(PortKey.of(project)).isEmpty()) {
			throw notRunning(project);
		}
		int before = 1 + (int) others(project).stream().filter(key -> this.runs.running(key).isPresent()).count();
		RememberedProject.Layout layout = this.servers.layout(project)
			.orElse(RememberedProject.Layout.SINGLE)
			.withInstances(count);
		List<Integer> stopped = retireAbove(project, count);
		StartResult first = StartResult.of(PortKey.of(project), this.runs.running(PortKey.of(project)).orElseThrow(), true,
				Optional.empty(), this.runs.namedPorts(PortKey.of(project)));
		StartResult now = converge(request, layout, first, progress);
		return new ProjectService.Scaled(project, before, now, stopped);
	}

	/** Starts the instance unless it runs, and waits until it is UP. */
	private StartResult startUp(StartRequest request, PortKey instance, RememberedProject.Layout layout,
			StartProgress progress) {
		StartResult started = this.runs.start(request, instance, layout, progress);
		if (!started.alreadyRunning()) {
			awaitUp(instance, request);
		}
		return started;
	}

	/** Waits until the instance's health check passes and records it; else stops it. */
	private void awaitUp(PortKey instance, StartRequest request) {
		ServerInfo server = this.servers.read(instance).orElseThrow();
		HealthRecord check = this.up.await(server, request.health(), this.settings.startTimeout());
		if (check.status() != HealthRecord.Status.UP) {
			this.runs.stop(instance, this.settings.stopGrace(), true);
			throw new ServerStartFailedException("Instance " + instance.instance() + " of '" + instance.project()
					+ "' listened on port " + server.port() + " but its health check failed (" + check.detail()
					+ "); it was stopped and its port released. Its log: " + this.paths.serverLog(instance));
		}
		this.servers.recordHealth(instance, check);
	}

	/**
	 * Stops an instance the cluster no longer has: out of the backends first, {@link #DRAIN} to
	 * finish what it was sent, then stopped, its ports released.
	 * @return whether it was running
	 */
	private boolean retire(PortKey instance) {
		if (this.runs.running(instance).isPresent()) {
			markDown(instance, "scaled down");
			LockSupport.parkNanos(DRAIN.toNanos());
		}
		return this.runs.stop(instance, this.settings.stopGrace(), true).wasRunning();
	}

	/** Takes the instance out of the backends: a proxy sends it nothing more. */
	private void markDown(PortKey instance, String why) {
		this.servers.recordHealth(instance, new HealthRecord(HealthRecord.Status.DOWN, this.clock.instant(),
				this.clock.instant(), 0, why));
	}

	private static void quietly(Runnable undo, RuntimeException failure) {
		try {
			undo.run();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	/** Bad input for {@code scale}: one line, before anything changes. */
	static LocalDbException notRunning(ProjectName project) {
		return new LocalDbException(Failure.USAGE, "Project '" + project + "' is not running: start it with "
				+ "'localdb start " + project + " --instances N' first.");
	}

}
