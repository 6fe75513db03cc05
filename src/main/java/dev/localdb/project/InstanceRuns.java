package dev.localdb.project;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.localdb.finder.PortAssignment;
import dev.localdb.finder.ScanService;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.registry.ServerRecords;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * One server of a project, started and stopped: the project's own (instance 1) and each further
 * instance of a cluster go the same way. Its port and its named ports are allocated under the
 * registry lock, the server launched and recorded, and awaited until it listens; a start that
 * fails releases every port it allocated and leaves nothing running. Callers hold the project's lock.
 */
final class InstanceRuns {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ServerRecords records;

	private final ScanService scanner;

	private final ProcessTable processes;

	private final ServerLauncher launcher;

	private final ReadinessWait readiness;

	private final ProjectSettings settings;

	InstanceRuns(RegistryService registry, ServerInfoStore servers, ServerRecords records, ScanService scanner,
			ProcessTable processes, ServerLauncher launcher, ReadinessWait readiness, ProjectSettings settings) {
		this.registry = registry;
		this.servers = servers;
		this.records = records;
		this.scanner = scanner;
		this.processes = processes;
		this.launcher = launcher;
		this.readiness = readiness;
		this.settings = settings;
	}

	/** The instance's live server, if it has one (server.json present, process alive and ours). */
	Optional<ServerInfo> running(PortKey instance) {
		return this.servers.read(instance).filter(info -> this.processes.isRunning(info.processes()));
	}

	/**
	 * Starts the instance unless it runs, on {@code request.port()} when that is free. The first
	 * instance's request is remembered (project.json, env.json) once its server is launched.
	 */
	StartResult start(StartRequest request, PortKey instance, RememberedProject.Layout layout, StartProgress progress) {
		ProjectName project = request.project();
		Optional<ServerInfo> live = running(instance);
		if (live.isPresent()) {
			return StartResult.of(instance, live.get(), true, Optional.empty(), namedPorts(instance));
		}
		// A server.json whose process is gone is the seed's "Manual Server Kill": forget it.
		if (this.servers.exists(instance)) {
			this.records.forgetServer(instance);
		}
		Path directory = this.launcher.workingDirectory(request);
		// read before the allocation, whose cleanup removes the entries of a server that is gone
		Map<String, Integer> preferred = preferredNamed(instance, layout);
		PortAssignment assignment = this.scanner.allocate(instance, request.port(), this.processes.self());
		Map<String, Integer> named = allocateNamed(instance, preferred);
		List<PortKey> namedKeys = named.keySet().stream().map(instance::named).toList();
		String host = request.host() != null ? request.host() : this.settings.host();
		ServerLauncher.Launched launched = this.launcher.launch(request, instance, assignment, host, directory, named);
		ServerInfo info = launched.info();
		ReadinessWait.Outcome outcome;
		ServerInfo listening = null;
		try {
			if (instance.isProject()) {
				this.servers.remember(project, request.remembered(host, info.port()));
				this.servers.rememberEnvironment(project, request.rememberedEnvironment());
			}
			outcome = this.readiness.await(launched.process(), info, progress);
			if (outcome.ready()) {
				listening = info.listening(outcome.listener());
				this.records.update(instance, listening, namedKeys);
			}
		}
		catch (RuntimeException ex) {
			this.launcher.abandon(instance, info, this.readiness.strays(info), namedKeys, ex);
			throw ex;
		}
		if (!outcome.ready()) {
			this.launcher.abandon(instance, info, this.readiness.strays(info), namedKeys, null);
			if (progress.cancelled()) {
				throw new LocalDbException(Failure.CANCELLED, "Cancelled: the start of '" + instance
						+ "' was stopped, its server ended and port " + info.port() + " released.");
			}
			throw new ServerStartFailedException(this.launcher.startFailure(instance, outcome.failure()));
		}
		this.launcher.watchExit(instance, launched.process(), listening);
		Optional<String> notes = Stream.of(assignment.note(), launched.note())
			.flatMap(Optional::stream)
			.reduce((first, second) -> first + "\n" + second);
		return StartResult.of(instance, listening, false, notes, named);
	}

	/**
	 * The port each named port of the instance asks for: the one the registry still holds (a
	 * restart), else the one the first instance last had (layout.json), else none.
	 */
	private Map<String, Integer> preferredNamed(PortKey instance, RememberedProject.Layout layout) {
		Map<String, Integer> preferred = new LinkedHashMap<>();
		for (String name : layout.portNames()) {
			preferred.put(name, this.registry.allocation(instance.named(name))
				.map(Allocation::port)
				.orElse(instance.instance() == 1 ? layout.ports().get(name) : null));
		}
		return preferred;
	}

	/**
	 * Allocates the instance's named ports, each on its preferred port when that is free; on failure
	 * the ones allocated here and the instance's own are released.
	 */
	private Map<String, Integer> allocateNamed(PortKey instance, Map<String, Integer> preferred) {
		Map<String, Integer> named = new LinkedHashMap<>();
		List<PortKey> allocated = new ArrayList<>();
		try {
			for (Map.Entry<String, Integer> port : preferred.entrySet()) {
				PortKey key = instance.named(port.getKey());
				allocated.add(key);
				named.put(port.getKey(), this.scanner.allocate(key, port.getValue(), this.processes.self()).port());
			}
			// named ports no longer asked for are given back
			this.registry.read().entriesOf(instance.project()).keySet().stream()
				.filter(key -> key.port() != null && key.instance() == instance.instance())
				.filter(key -> !named.containsKey(key.port()))
				.forEach(this.registry::release);
			return named;
		}
		catch (RuntimeException ex) {
			this.registry.release(instance);
			this.records.release(allocated);
			throw ex;
		}
	}

	/** The instance's named ports the registry holds, by name. */
	Map<String, Integer> namedPorts(PortKey instance) {
		Map<String, Integer> named = new LinkedHashMap<>();
		this.registry.read().entriesOf(instance.project()).forEach((key, allocation) -> {
			if (key.port() != null && key.instance() == instance.instance()) {
				named.put(key.port(), allocation.port());
			}
		});
		return named;
	}

	/**
	 * Ends the instance's server (SIGTERM, SIGKILL after {@code grace}) and removes its records;
	 * with {@code releaseNamed} its named ports too (a stop), without (a restart keeps them).
	 * @return how it ended, and the server that was recorded (empty when none was)
	 */
	Stopped stop(PortKey instance, Duration grace, boolean releaseNamed) {
		Optional<ServerInfo> recorded = this.servers.read(instance);
		ProcessTable.Termination termination = ProcessTable.Termination.ALREADY_GONE;
		if (recorded.isPresent()) {
			this.launcher.ending(recorded.get());
			termination = this.processes.terminate(recorded.get().processes(), grace);
			if (termination == ProcessTable.Termination.SURVIVED) {
				throw StopResult.cannotStop(instance.project(), recorded.get());
			}
		}
		this.records.unrecord(instance);
		if (releaseNamed) {
			this.records.release(namedPorts(instance).keySet().stream().map(instance::named).toList());
		}
		return new Stopped(recorded, termination);
	}

	/** What {@link #stop} ended. */
	record Stopped(Optional<ServerInfo> server, ProcessTable.Termination termination) {

		boolean wasRunning() {
			return this.termination == ProcessTable.Termination.TERMINATED
					|| this.termination == ProcessTable.Termination.KILLED;
		}

	}

}
