package dev.localdb.finder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.Reservation;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The seed's port finder. In order: clean up stale allocations; give the project back the port it
 * already holds; try the requested port; batch-scan 10 ports of the default range in parallel;
 * scan the default range, then the fallback range, then the extended range.
 *
 * <p>
 * Ports the registry holds are skipped without any OS call (registry-first). When the batch finds
 * nothing free, the kernel's listen tables are read once and every port they show busy is skipped
 * too, instead of a failing bind each. Every candidate is finally reserved
 * through {@link RegistryService#reserve}, which re-checks registry and OS under the lock: a
 * candidate that another process took meanwhile is refused and the search moves on (the seed's
 * "Concurrent Starts": T2 gets 3001).
 */
public class ScanService {

	static final int BATCH_SIZE = 10;

	private static final List<PortAssignment.Step> RANGE_STEPS = List.of(PortAssignment.Step.DEFAULT_RANGE,
			PortAssignment.Step.FALLBACK_RANGE, PortAssignment.Step.EXTENDED_RANGE);

	private static final ExecutorService BATCH_PROBES = Executors.newFixedThreadPool(BATCH_SIZE, runnable -> {
		Thread thread = new Thread(runnable, "localdb-port-probe");
		thread.setDaemon(true);
		return thread;
	});

	private final RegistryService registry;

	private final StaleAllocationCleaner cleaner;

	private final PortProbe probe;

	private final ProcessTable processes;

	private final ServerInfoStore servers;

	private final PortRanges ranges;

	private volatile BusyHint busyHint;

	public ScanService(RegistryService registry, StaleAllocationCleaner cleaner, PortProbe probe,
			ProcessTable processes, ServerInfoStore servers, PortRanges ranges) {
		this.registry = registry;
		this.cleaner = cleaner;
		this.probe = probe;
		this.processes = processes;
		this.servers = servers;
		this.ranges = ranges;
	}

	/**
	 * Finds and reserves a port for {@code project}, recorded as reserved by {@code owner}.
	 * @param requested the user's preferred port, or null
	 * @throws NoFreePortException when every range is full
	 */
	public PortAssignment allocate(ProjectName project, Integer requested, ProcessIdentity owner) {
		return allocate(PortKey.of(project), requested, owner);
	}

	/** {@link #allocate(ProjectName, Integer, ProcessIdentity)} for any registry entry: an instance, a named port. */
	public PortAssignment allocate(PortKey project, Integer requested, ProcessIdentity owner) {
		if (requested != null && (requested < 1 || requested > 65535)) {
			throw new LocalDbException(Failure.USAGE,
					"Port " + requested + " is not a TCP port: use a number within 1-65535.");
		}
		this.cleaner.cleanupBeforeAllocation();
		Registry snapshot = this.registry.read();
		Optional<Allocation> held = snapshot.allocation(project);
		if (held.isPresent() && (requested == null || requested == held.get().port())) {
			Optional<PortAssignment> kept = keep(project, held.get(), owner);
			if (kept.isPresent()) {
				return kept.get();
			}
		}
		Optional<String> note = Optional.empty();
		if (requested != null) {
			Reservation reservation = this.registry.reserve(project, requested, owner);
			if (reservation instanceof Reservation.Reserved reserved) {
				// asked for by name: given, with a word that no browser will open it
				Optional<String> unsafe = BrowserPorts.isUnsafe(requested) ? Optional.of("Port " + requested
						+ " is one browsers refuse (ERR_UNSAFE_PORT): curl works, Chrome and Firefox will not open it.")
						: Optional.empty();
				return new PortAssignment(reserved.allocation(), PortAssignment.Step.REQUESTED, unsafe);
			}
			note = Optional.of("Port " + requested + " " + describe((Reservation.Refused) reservation)
					+ "; using another port.");
		}
		// never handed out: ports browsers refuse, the excluded ones, and the registry's
		BitSet skip = this.ranges.neverHandedOut();
		snapshot.entries().forEach((name, allocation) -> skip.set(allocation.port()));
		if (requested != null) {
			skip.set(requested);
		}
		return search(project, owner, skip, note);
	}

	/** The seed's scan: the batch of the default range, then each range in order. */
	private PortAssignment search(PortKey project, ProcessIdentity owner, BitSet skip, Optional<String> note) {
		BusyHint hint = this.busyHint;
		boolean hinted = hint != null && hint.isFresh();
		if (hinted) {
			// a warm process remembers what the listen tables showed: those ports are not tried, and
			// the one handed out is still bind-probed under the lock
			skip.or(hint.ports());
		}
		Optional<Allocation> found = batchScan(project, owner, skip);
		if (found.isPresent()) {
			if (hinted && hint.isAging()) {
				refreshHint();
			}
			return new PortAssignment(found.get(), PortAssignment.Step.BATCH_SCAN, note);
		}
		// Ten busy ports in a row: the machine is busy. One read of the kernel's listen tables costs
		// less than a bind probe of every busy port that follows; it runs while the scan goes on.
		CompletableFuture<BitSet> tables = CompletableFuture.supplyAsync(this.probe::listeningPorts, BATCH_PROBES);
		tables.thenAccept(ports -> this.busyHint = new BusyHint(ports, System.nanoTime()));
		KnownBusy busy = new KnownBusy(skip, tables);
		List<PortRange> order = this.ranges.inOrder();
		for (int i = 0; i < order.size(); i++) {
			found = sequentialScan(order.get(i), project, owner, busy);
			if (found.isPresent()) {
				return new PortAssignment(found.get(), RANGE_STEPS.get(i), note);
			}
		}
		throw new NoFreePortException(order, this.registry.read().ports().size());
	}

	private Optional<PortAssignment> keep(PortKey project, Allocation held, ProcessIdentity owner) {
		boolean ownServerHoldsIt = project.port() == null && this.servers.read(project)
			.filter(info -> info.port() == held.port())
			.filter(info -> this.processes.isRunning(info.processes()))
			.isPresent();
		if (ownServerHoldsIt) {
			return Optional.of(new PortAssignment(held, PortAssignment.Step.REGISTRY, Optional.empty()));
		}
		if (this.registry.reserve(project, held.port(), owner) instanceof Reservation.Reserved reserved) {
			return Optional.of(new PortAssignment(reserved.allocation(), PortAssignment.Step.REGISTRY, Optional.empty()));
		}
		return Optional.empty();
	}

	/** The seed's batch scan: the first 10 candidates of the default range probed at once. */
	private Optional<Allocation> batchScan(PortKey project, ProcessIdentity owner, BitSet skip) {
		PortRange range = this.ranges.defaultRange();
		List<Integer> batch = new ArrayList<>(BATCH_SIZE);
		for (int port = range.low(); port <= range.high() && batch.size() < BATCH_SIZE; port++) {
			if (!skip.get(port)) {
				batch.add(port);
			}
		}
		batch.forEach(skip::set);
		return probeAndReserve(batch, project, owner);
	}

	/**
	 * Bind-probes the candidates at once, outside the lock, then reserves the first free one in
	 * order; the reservation checks the registry and the OS again under the lock.
	 */
	private Optional<Allocation> probeAndReserve(List<Integer> candidates, PortKey project,
			ProcessIdentity owner) {
		List<CompletableFuture<Boolean>> probes = candidates.stream()
			.map(port -> CompletableFuture.supplyAsync(() -> this.probe.isFree(port), BATCH_PROBES))
			.toList();
		for (int i = 0; i < candidates.size(); i++) {
			if (probes.get(i).join()) {
				Optional<Allocation> reserved = tryReserve(project, candidates.get(i), owner);
				if (reserved.isPresent()) {
					return reserved;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The range in order: a bind probe per candidate, outside the lock, and a reservation (which
	 * checks the registry and the OS again under the lock) for the first that looks free.
	 */
	private Optional<Allocation> sequentialScan(PortRange range, PortKey project, ProcessIdentity owner,
			KnownBusy busy) {
		for (int port = busy.nextCandidate(range.low()); port <= range.high(); port = busy.nextCandidate(port + 1)) {
			busy.skip().set(port);
			if (this.probe.isFree(port)) {
				Optional<Allocation> reserved = tryReserve(project, port, owner);
				if (reserved.isPresent()) {
					return reserved;
				}
			}
		}
		return Optional.empty();
	}

	private void refreshHint() {
		CompletableFuture.supplyAsync(this.probe::listeningPorts, BATCH_PROBES)
			.thenAccept(ports -> this.busyHint = new BusyHint(ports, System.nanoTime()));
	}

	/**
	 * Ports the kernel's listen tables showed held, and when they were read. Reading the tables
	 * costs 15-20 ms on a busy machine; a hint younger than {@link #FRESH} spares it, and one older
	 * than {@link #AGING} is refreshed in the background after the allocation it served.
	 */
	private record BusyHint(BitSet ports, long readAt) {

		static final long FRESH = Duration.ofSeconds(30).toNanos();

		static final long AGING = Duration.ofSeconds(2).toNanos();

		boolean isFresh() {
			return System.nanoTime() - this.readAt < FRESH;
		}

		boolean isAging() {
			return System.nanoTime() - this.readAt > AGING;
		}

	}

	/** Ports not to try: the registry's, those already tried, and the listen tables once read. */
	private record KnownBusy(BitSet skip, CompletableFuture<BitSet> listening) {

		int nextCandidate(int from) {
			if (this.listening.isDone() && !this.listening.isCompletedExceptionally()) {
				this.skip.or(this.listening.join());
			}
			return this.skip.nextClearBit(from);
		}

	}

	private Optional<Allocation> tryReserve(PortKey project, int port, ProcessIdentity owner) {
		if (this.registry.reserve(project, port, owner) instanceof Reservation.Reserved reserved) {
			return Optional.of(reserved.allocation());
		}
		return Optional.empty();
	}

	private static String describe(Reservation.Refused refused) {
		return switch (refused.reason()) {
			case ALLOCATED -> "is allocated to project '" + refused.holder() + "'";
			case IN_USE -> "is in use by another program";
			case FORBIDDEN -> "cannot be bound (permission denied)";
		};
	}

}
