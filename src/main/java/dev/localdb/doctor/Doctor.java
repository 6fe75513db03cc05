package dev.localdb.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.os.LoginService;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.web.WebPort;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.DaemonState;

/**
 * Compares the registry with reality and says what to do about each difference: the daemon;
 * managed ranges that overlap the kernel's ephemeral ports; each allocation (stale, its server not
 * listening, its port held by another process); listeners in the managed ranges that LocalDB did not
 * allocate, with their process; and files of the runtime tree that are links, other users', or
 * open to others. It changes nothing.
 */
public class Doctor {

	private final RuntimePaths paths;

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final StaleAllocationCleaner cleaner;

	private final ProcessTable processes;

	private final PortProbe probe;

	private final PortRanges ranges;

	private final Supplier<WebPort> web;

	/** @param web this process's web port, or null where it serves none (a one-shot command) */
	Doctor(RuntimePaths paths, RegistryService registry, ServerInfoStore servers, StaleAllocationCleaner cleaner,
			ProcessTable processes, PortProbe probe, PortRanges ranges, Supplier<WebPort> web) {
		this.web = web;
		this.paths = paths;
		this.registry = registry;
		this.servers = servers;
		this.cleaner = cleaner;
		this.processes = processes;
		this.probe = probe;
		this.ranges = ranges;
	}

	public Diagnosis examine() {
		List<Finding> findings = new ArrayList<>();
		findings.add(daemon());
		webPort().ifPresent(findings::add);
		ephemeralOverlap().ifPresent(findings::add);
		Registry snapshot = this.registry.read();
		Map<Integer, Set<Long>> listeners = this.probe.listeners().orElse(Map.of());
		snapshot.ports().forEach((project, allocation) -> allocation(project, allocation, listeners).ifPresent(findings::add));
		findings.addAll(foreignListeners(snapshot, listeners));
		findings.addAll(runtimeTree());
		if (findings.stream().noneMatch(finding -> finding.severity() != Finding.Severity.OK)) {
			findings.add(new Finding(Finding.Severity.OK, "registry", snapshot.ports().size()
					+ " allocation(s), each held by its own running server", ""));
		}
		// after the all-well line: a daemon not installed is worth knowing, not something wrong
		findings.add(1, loginService(LoginService.of(System.getenv(), System.getProperty("os.name", ""))));
		return new Diagnosis(findings);
	}

	private Finding daemon() {
		DaemonAddress address = DaemonAddress.of(this.paths.home());
		Optional<DaemonState> state = DaemonState.read(address.stateFile());
		if (state.isPresent() && this.processes.isRunning(new ProcessIdentity(state.get().pid(), state.get().processStart()))) {
			DaemonState daemon = state.get();
			return new Finding(Finding.Severity.OK, "daemon", "pid " + daemon.pid() + ", version " + daemon.version()
					+ ", web " + daemon.web() + ", since " + daemon.startedAt(), "");
		}
		return new Finding(Finding.Severity.NOTE, "daemon", "none runs", "The next command starts one");
	}

	/** Whether the service manager starts the daemon at login ({@code localdb daemon install}). */
	static Finding loginService(LoginService service) {
		Optional<Path> file = service.installed();
		if (file.isEmpty()) {
			return new Finding(Finding.Severity.NOTE, "daemon", "not installed; 'localdb daemon install' starts it at login",
					"");
		}
		return new Finding(Finding.Severity.OK, "daemon", "installed as " + service.kind() + " (" + service.shown() + ")",
				"");
	}

	/** Served, or waiting for another program to free it, and which. */
	private Optional<Finding> webPort() {
		WebPort port = this.web.get();
		if (port == null) {
			return Optional.empty(); // a command of its own: the daemon's line names its web address
		}
		if (port.served()) {
			return Optional.of(new Finding(Finding.Severity.OK, "web port", "serves " + port.url(), ""));
		}
		Set<Long> holders = port.holders();
		String next = port.nextTry().map(at -> " (next try at " + at + ")").orElse("");
		return Optional.of(new Finding(Finding.Severity.ATTENTION, "web port " + port.port(),
				"held by " + (holders.isEmpty() ? "a process LocalDB may not look into" : describe(holders))
						+ "; LocalDB binds it as soon as it is free" + next,
				"Stop that program, or set server.port to another port and run 'localdb daemon restart'"));
	}

	private Optional<Finding> ephemeralOverlap() {
		Optional<int[]> ephemeral = this.probe.ephemeralRange();
		if (ephemeral.isEmpty()) {
			return Optional.empty();
		}
		int low = ephemeral.get()[0];
		int high = ephemeral.get()[1];
		List<String> overlapping = this.ranges.overlapping(low, high).stream().map(PortRange::toString).toList();
		if (overlapping.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Finding(Finding.Severity.ATTENTION, "port ranges", String.join(", ", overlapping)
				+ " overlap the kernel's ephemeral range " + low + "-" + high
				+ ", where outgoing connections take their ports",
				"Choose ranges below " + low + " (localdb.ports.*-range)"));
	}

	private Optional<Finding> allocation(ProjectName project, Allocation allocation,
			Map<Integer, Set<Long>> listeners) {
		String subject = project + " (port " + allocation.port() + ")";
		Optional<String> stale = this.cleaner.staleReason(project, allocation);
		if (stale.isPresent()) {
			return Optional.of(new Finding(Finding.Severity.ATTENTION, subject, "stale: " + stale.get(),
					"Run 'localdb ports --cleanup' (cleanup also runs before every start and hourly)"));
		}
		Optional<ServerInfo> server = this.servers.read(project);
		if (server.isEmpty() || listeners.isEmpty()) {
			return Optional.empty(); // a start under way, or no tables to compare with
		}
		Set<Long> family = this.processes.family(server.get().process());
		Set<Long> holders = listeners.getOrDefault(allocation.port(), Set.of());
		if (holders.isEmpty()) {
			return Optional.of(new Finding(Finding.Severity.ATTENTION, subject,
					"its server (pid " + server.get().pid() + ") runs, but nothing listens on the port",
					"See 'localdb logs " + project + "', then 'localdb restart " + project + "'"));
		}
		List<Long> strangers = holders.stream().filter(pid -> !family.contains(pid)).toList();
		if (!strangers.isEmpty() && holders.stream().noneMatch(family::contains)) {
			return Optional.of(new Finding(Finding.Severity.ATTENTION, subject,
					"the port is held by " + describe(strangers) + ", not by its server (pid " + server.get().pid() + ")",
					"Stop that program, then run 'localdb restart " + project + "'"));
		}
		return Optional.empty();
	}

	private List<Finding> foreignListeners(Registry snapshot, Map<Integer, Set<Long>> listeners) {
		Set<Integer> allocated = snapshot.entries().values().stream().map(Allocation::port).collect(Collectors.toSet());
		List<Finding> findings = new ArrayList<>();
		listeners.forEach((port, holders) -> {
			Optional<PortRange> range = this.ranges.inOrder().stream()
				.filter(candidate -> port >= candidate.low() && port <= candidate.high())
				.findFirst();
			if (range.isPresent() && !allocated.contains(port)) {
				findings.add(new Finding(Finding.Severity.NOTE, "port " + port,
						"in the managed range " + range.get() + ", held by "
								+ (holders.isEmpty() ? "a process LocalDB may not look into" : describe(holders))
								+ ", not allocated by LocalDB",
						"LocalDB skips it; add it to localdb.ports.excluded to silence this"));
			}
		});
		return findings;
	}

	/** Links, other users' files and files others may read or write, in the runtime tree. */
	private List<Finding> runtimeTree() {
		List<Finding> findings = new ArrayList<>();
		Path runtime = this.paths.runtime();
		if (!Files.exists(runtime, LinkOption.NOFOLLOW_LINKS)) {
			return findings;
		}
		try (Stream<Path> tree = Files.walk(runtime, 3)) {
			for (Path path : tree.toList()) {
				unsafe(path).ifPresent(problem -> findings.add(new Finding(Finding.Severity.ATTENTION,
						this.paths.home().relativize(path).toString(), problem.message(), problem.advice())));
			}
		}
		catch (IOException | RuntimeException ex) {
			findings.add(new Finding(Finding.Severity.ATTENTION, "runtime", "cannot be read: " + ex.getMessage(),
					"Check the permissions of LOCALDB_HOME"));
		}
		return findings;
	}

	private record Problem(String message, String advice) {
	}

	private static Optional<Problem> unsafe(Path path) throws IOException {
		if (Files.isSymbolicLink(path)) {
			return Optional.of(new Problem("a symbolic link (LocalDB never follows one)", "Remove it"));
		}
		if (path.getFileName().toString().endsWith(".sock")) {
			return Optional.empty();
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
		Set<PosixFilePermission> others = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
				? Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)
				: Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE,
						PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
		if (permissions.stream().anyMatch(others::contains)) {
			String mode = PosixFilePermissions.toString(permissions);
			return Optional.of(new Problem("mode " + mode + " lets other users in",
					"chmod " + (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "700" : "600") + " '" + path + "'"));
		}
		return Optional.empty();
	}

	/** pid and command line of each process. */
	private static String describe(Collection<Long> pids) {
		return pids.stream().map(pid -> "pid " + pid + " (" + commandLine(pid) + ")").collect(Collectors.joining(", "));
	}

	private static String commandLine(long pid) {
		try {
			byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
			String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
			return line.length() > 80 ? line.substring(0, 77) + "..." : line;
		}
		catch (IOException ex) {
			return "command line unreadable";
		}
	}

}
