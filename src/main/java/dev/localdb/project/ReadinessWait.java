package dev.localdb.project;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.ServerInfo;

/**
 * The wait until a launched server listens on its port, and which process of it does. The
 * listener is found in the kernel's socket tables: a process of the server's own (launched, its
 * descendants, its session), or a process of this user that started after the launch, which is
 * how a server that daemonises itself (double fork and setsid) ends up. A server whose processes
 * listen on another port, and not on its own, fails at once: it ignores $PORT.
 */
final class ReadinessWait {

	private static final Duration POLL = Duration.ofMillis(50);

	/**
	 * How long a server may listen elsewhere only, before it is said to ignore $PORT: a server may
	 * open another port first (a debugger's, a hot-reload socket's) and its own a moment later.
	 */
	private static final Duration ELSEWHERE_GRACE = Duration.ofSeconds(3);

	/** How long a server that exited 0 (it may have daemonised) has to listen. */
	private static final Duration DAEMONISE_GRACE = Duration.ofSeconds(10);

	private final ProcessTable processes;

	private final PortProbe probe;

	private final Duration timeout;

	ReadinessWait(ProcessTable processes, PortProbe probe, Duration timeout) {
		this.processes = processes;
		this.probe = probe;
		this.timeout = timeout;
	}

	/** Ready, with the process that holds the listening socket (null where no tables say), or why not. */
	record Outcome(ProcessIdentity listener, String failure) {

		static Outcome failed(String why) {
			return new Outcome(null, why);
		}

		boolean ready() {
			return this.failure == null;
		}

	}

	Outcome await(Process process, ServerInfo server, StartProgress progress) {
		int port = server.port();
		long started = System.nanoTime();
		long deadline = started + this.timeout.toNanos();
		long elsewhereSince = -1;
		try {
			while (System.nanoTime() < deadline) {
				Set<Long> family = this.processes.family(server.processes());
				Optional<Seen> seen = look(server, family);
				if (seen.isEmpty()) {
					if (this.probe.accepts(server.host(), port, Duration.ofMillis(200))) {
						return new Outcome(null, null);
					}
				}
				else if (seen.get().listener() != null) {
					return new Outcome(seen.get().listener(), null);
				}
				else if (seen.get().elsewhere().isEmpty()) {
					elsewhereSince = -1;
				}
				else if (elsewhereSince < 0) {
					elsewhereSince = System.nanoTime();
				}
				else if (System.nanoTime() - elsewhereSince >= ELSEWHERE_GRACE.toNanos()) {
					return Outcome.failed(ignoresPort(server, seen.get().elsewhere()));
				}
				if (!process.isAlive()) {
					int status = exitStatus(process);
					if (status != 0) {
						return Outcome.failed("the server exited with status " + status + " before it listened on port " + port);
					}
					if (family.isEmpty()) {
						// exited 0 with nothing left: a server that daemonised itself gets a while to listen
						deadline = Math.min(deadline, System.nanoTime() + DAEMONISE_GRACE.toNanos());
					}
				}
				if (progress.cancelled()) {
					return Outcome.failed("the start was cancelled");
				}
				progress.waiting(port, Duration.ofNanos(System.nanoTime() - started));
				try {
					Thread.sleep(POLL.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return Outcome.failed("the start was interrupted");
				}
			}
			Set<Long> family = this.processes.family(server.processes());
			Set<Integer> elsewhere = look(server, family).map(Seen::elsewhere).orElse(Set.of());
			if (!elsewhere.isEmpty()) {
				return Outcome.failed(ignoresPort(server, elsewhere));
			}
			if (!process.isAlive() && family.isEmpty()) {
				return Outcome.failed("the server exited with status 0 and nothing it started listened on port " + port
						+ " within " + DAEMONISE_GRACE.toSeconds() + " s");
			}
			return Outcome.failed("the server did not listen on port " + port + " within " + this.timeout.toSeconds()
					+ " s (localdb.servers.start-timeout). LocalDB gives it its port in the PORT environment variable: "
					+ "make sure it reads $PORT or pass the port to it, e.g. --command 'python3 -m http.server $PORT'");
		}
		finally {
			progress.finished();
		}
	}

	/**
	 * Processes of this user, outside the server's own, that started since its launch and listen on
	 * its port: a failed start stops them too.
	 */
	List<ProcessIdentity> strays(ServerInfo server) {
		Set<Long> family = this.processes.family(server.processes());
		Set<Long> holders = this.probe.listeners().map(all -> all.getOrDefault(server.port(), Set.of())).orElse(Set.of());
		return holders.stream()
			.filter(pid -> !family.contains(pid))
			.map(pid -> launchedSince(server, pid))
			.flatMap(Optional::stream)
			.toList();
	}

	/** What a look at the kernel's tables saw: the server's listener, if it listens, and the other ports its processes hold. */
	private record Seen(ProcessIdentity listener, Set<Integer> elsewhere) {
	}

	/**
	 * Looks at what the server listens on: the ports of its own processes (cheap: their open files
	 * only), and only when another process holds its port, whether that is one of this user's
	 * started since the launch (a server that daemonised itself). Empty where the tables cannot be read.
	 */
	private Optional<Seen> look(ServerInfo server, Set<Long> family) {
		Optional<Set<Integer>> ports = this.probe.portsListenedBy(family);
		if (ports.isEmpty()) {
			return Optional.empty();
		}
		int port = server.port();
		Optional<ProcessIdentity> listener = Optional.empty();
		if (ports.get().contains(port)) {
			// the launched process first, then the lowest pid
			listener = family.stream()
				.sorted(Comparator.comparing((Long pid) -> pid != server.pid()).thenComparing(Comparator.naturalOrder()))
				.filter(pid -> this.probe.portsListenedBy(Set.of(pid)).orElse(Set.of()).contains(port))
				.map(this.processes::identify)
				.flatMap(Optional::stream)
				.findFirst();
		}
		else if (this.probe.listeningPorts().get(port)) {
			listener = this.probe.listeners()
				.map(all -> all.getOrDefault(port, Set.of()))
				.orElse(Set.of())
				.stream()
				.sorted()
				.filter(pid -> !family.contains(pid))
				.map(pid -> launchedSince(server, pid))
				.flatMap(Optional::stream)
				.findFirst();
		}
		Set<Integer> elsewhere = new TreeSet<>(ports.get());
		elsewhere.remove(port);
		return Optional.of(new Seen(listener.orElse(null), elsewhere));
	}

	private Optional<ProcessIdentity> launchedSince(ServerInfo server, long pid) {
		return this.processes.identify(pid)
			.filter(process -> this.processes.isSameUser(pid) && this.processes.startedSince(process, server.process()));
	}

	private static String ignoresPort(ServerInfo server, Set<Integer> elsewhere) {
		String ports = elsewhere.stream().map(String::valueOf).collect(Collectors.joining(", "));
		return "it listens on " + ports + ", not on $PORT=" + server.port() + ": pass the port to it (e.g. "
				+ "vite --port $PORT), or make it read the PORT environment variable";
	}

	private static int exitStatus(Process process) {
		try {
			process.waitFor(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return process.isAlive() ? -1 : process.exitValue();
	}

}
