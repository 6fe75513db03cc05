package dev.localdb.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;

/**
 * The seed's cleanup rules, applied under the registry lock:
 * <ol>
 * <li>no {@code server.json} and no start under way: stale;</li>
 * <li>{@code server.json} whose processes are all gone (the launched one, every process of its
 * session, its listener), or whose pid now belongs to another process: stale (and the server.json
 * goes too).</li>
 * </ol>
 * A reservation whose start is still running (the reserving process alive, within the grace
 * period, no server.json yet) is kept: cleanup never takes a port from a start that is under way.
 * Cleanup never signals any process.
 */
public class StaleAllocationCleaner {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ProcessTable processes;

	private final Clock clock;

	private final Duration startGrace;

	private final Duration interval;

	private final Consumer<CleanupResult> listener;

	/** How long a report of an unchanged registry stands: a server that dies shows within a second. */
	static final Duration REPORT_TTL = Duration.ofSeconds(1);

	private volatile CachedReport lastReport;

	private final AtomicBoolean remaking = new AtomicBoolean();

	public StaleAllocationCleaner(RegistryService registry, ServerInfoStore servers, ProcessTable processes,
			Clock clock, Duration startGrace, Duration interval, Consumer<CleanupResult> listener) {
		this.registry = registry;
		this.servers = servers;
		this.processes = processes;
		this.clock = clock;
		this.startGrace = startGrace;
		this.interval = interval;
		this.listener = listener;
	}

	/** {@code ports --cleanup}, the hourly job and the endpoint: a full pass, always recorded. */
	public CleanupResult cleanup() {
		return run(true);
	}

	/**
	 * The pass before every allocation (the seed's "every time findFreePort() is called"): removes
	 * what is stale, but only rewrites the registry when something changed or the last recorded
	 * cleanup is older than the interval, so allocating stays cheap.
	 */
	public CleanupResult cleanupBeforeAllocation() {
		Registry snapshot = this.registry.read();
		boolean due = this.clock.millis() - snapshot.lastCleanup() >= this.interval.toMillis();
		if (!due && findStale(snapshot).isEmpty()) {
			return new CleanupResult(List.of(), this.clock.instant());
		}
		return run(due);
	}

	/**
	 * Every allocation with whether it is live (its server runs, or its start is under way). The
	 * liveness of each entry costs file and /proc reads; a report of an unchanged registry is reused
	 * for {@link #REPORT_TTL}, so a dashboard or a script polling the actuator costs little. When
	 * only the time is up, one caller remakes it and the others keep getting the last one meanwhile:
	 * eight clients polling hard would otherwise all remake it at once, every second.
	 */
	public RegistryReport report() {
		Registry snapshot = this.registry.read();
		CachedReport last = this.lastReport;
		long now = System.nanoTime();
		if (last != null && last.registry() == snapshot) {
			boolean fresh = now - last.madeAt() < REPORT_TTL.toNanos();
			if (fresh || !this.remaking.compareAndSet(false, true)) {
				return last.report();
			}
			try {
				return remake(snapshot, now);
			}
			finally {
				this.remaking.set(false);
			}
		}
		return remake(snapshot, now);
	}

	/**
	 * The report {@link #report()} hands out now, when it is at hand without remaking it (the
	 * registry unchanged, the report younger than a second): the registry file's attributes are
	 * read, its content only once it changed, and no server's liveness, so a web server's I/O
	 * thread may ask. Empty when it is to be remade.
	 */
	public Optional<RegistryReport> freshReport() {
		CachedReport last = this.lastReport;
		if (last == null || System.nanoTime() - last.madeAt() >= REPORT_TTL.toNanos()) {
			return Optional.empty();
		}
		return last.registry() == this.registry.read() ? Optional.of(last.report()) : Optional.empty();
	}

	private RegistryReport remake(Registry snapshot, long now) {
		List<AllocationReport> reports = new ArrayList<>();
		snapshot.entries().forEach((key, allocation) -> reports.add(report(key, allocation)));
		RegistryReport report = new RegistryReport(reports, snapshot.lastCleanup() > 0
				? Optional.of(Instant.ofEpochMilli(snapshot.lastCleanup())) : Optional.empty());
		this.lastReport = new CachedReport(snapshot, report, now);
		return report;
	}

	private record CachedReport(Registry registry, RegistryReport report, long madeAt) {
	}

	/** One project's allocation with whether it is live; empty when it holds none. */
	public Optional<AllocationReport> report(ProjectName project) {
		return this.registry.allocation(project).map(allocation -> report(PortKey.of(project), allocation));
	}

	private AllocationReport report(PortKey key, Allocation allocation) {
		boolean alive = staleReason(key, allocation).isEmpty();
		return AllocationReport.of(key, allocation, alive,
				alive && key.port() == null ? this.servers.health(key).orElse(null) : null);
	}

	/** Why the allocation is stale, or empty when it is live (or a start is under way). */
	public Optional<String> staleReason(ProjectName project, Allocation allocation) {
		return staleReason(PortKey.of(project), allocation);
	}

	/**
	 * {@link #staleReason(ProjectName, Allocation)} of any entry: an instance's is its server's
	 * (server-2.json), a named port's is live while its start is under way or its instance's server runs.
	 */
	public Optional<String> staleReason(PortKey key, Allocation allocation) {
		if (key.port() != null) {
			if (startUnderWay(allocation)) {
				return Optional.empty();
			}
			return this.servers.read(key.server())
				.filter(info -> this.processes.isRunning(info.processes()))
				.isPresent() ? Optional.empty() : Optional.of("the server of " + key.server() + " is not running");
		}
		Optional<ServerInfo> server = this.servers.read(key);
		if (server.isPresent()) {
			// the server runs while its launched process, its session or its listener does
			if (this.processes.isRunning(server.get().processes())) {
				return Optional.empty();
			}
			ProcessIdentity process = server.get().process();
			return Optional.of(this.processes.isPidAlive(process.pid())
					? "pid " + process.pid() + " now belongs to another process"
					: "server process " + process.pid() + " is gone");
		}
		Optional<String> corrupt = this.servers.corruption(key);
		if (corrupt.isPresent()) {
			return Optional.of(corrupt.get());
		}
		if (allocation.state() == Allocation.State.RESERVED) {
			if (startUnderWay(allocation)) {
				return Optional.empty();
			}
			return Optional.of("start by process " + allocation.pid() + " never completed");
		}
		return Optional.of("no server.json");
	}

	/** A reservation whose reserving process still runs, within the grace period. */
	private boolean startUnderWay(Allocation allocation) {
		ProcessIdentity owner = allocation.process();
		boolean withinGrace = this.clock.millis() - allocation.allocatedAt() < this.startGrace.toMillis();
		return allocation.state() == Allocation.State.RESERVED && owner != null && withinGrace
				&& this.processes.isRunning(owner);
	}

	private CleanupResult run(boolean record) {
		List<Removal> removed = new ArrayList<>();
		this.registry.update(current -> {
			Registry changed = current;
			for (Removal removal : findStale(current)) {
				if (removal.entry().port() == null) {
					this.servers.delete(removal.entry());
				}
				changed = changed.without(removal.entry());
				removed.add(removal);
			}
			return record ? changed.cleanedAt(this.clock.millis()) : changed;
		});
		CleanupResult result = new CleanupResult(removed, this.clock.instant());
		this.listener.accept(result);
		return result;
	}

	private List<Removal> findStale(Registry registry) {
		List<Removal> stale = new ArrayList<>();
		for (Map.Entry<PortKey, Allocation> entry : registry.entries().entrySet()) {
			staleReason(entry.getKey(), entry.getValue())
				.ifPresent(reason -> stale.add(new Removal(entry.getKey().project(), entry.getValue().port(), reason,
						entry.getKey())));
		}
		return stale;
	}

}
