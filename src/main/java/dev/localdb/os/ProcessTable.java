package dev.localdb.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes of this machine: who is alive, who is ours, and the signals that end them.
 *
 * <p>
 * "Ours" means more than a live pid. The seed's {@code kill(pid, 0)} says yes for any process
 * that happens to have the pid now; a recycled pid would be mistaken for our server and, worse,
 * signalled on stop. Here a process is identified by pid plus a start token: on Linux the boot id
 * and the start time in clock ticks from {@code /proc/<pid>/stat} (stable, unlike a wall-clock
 * start time that NTP can shift), elsewhere the start instant the JDK reports.
 */
public final class ProcessTable {

	private static final Path PROC = Path.of("/proc");

	private final String bootId;

	public ProcessTable() {
		this.bootId = readBootId();
	}

	public ProcessIdentity self() {
		long pid = ProcessHandle.current().pid();
		return identify(pid).orElseThrow(() -> new IllegalStateException("Cannot read own start time"));
	}

	/** The identity of the process that has this pid now, if any (zombies count as gone). */
	public Optional<ProcessIdentity> identify(long pid) {
		if (pid <= 0) {
			return Optional.empty();
		}
		if (this.bootId != null) {
			return linuxStartTicks(pid).map(ticks -> new ProcessIdentity(pid, this.bootId + ":" + ticks));
		}
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.flatMap(handle -> handle.info().startInstant())
			.map(start -> new ProcessIdentity(pid, "epoch-ms:" + start.toEpochMilli()));
	}

	/** True when the process is alive and is the very one that was identified. */
	public boolean isRunning(ProcessIdentity identity) {
		return identify(identity.pid()).map(identity::equals).orElse(false);
	}

	/**
	 * True when {@code process} started no earlier than {@code reference} (same boot, clock ticks
	 * compared; elsewhere the JDK's start instants).
	 */
	public boolean startedSince(ProcessIdentity process, ProcessIdentity reference) {
		int colon = process.start().lastIndexOf(':');
		int referenceColon = reference.start().lastIndexOf(':');
		if (colon < 0 || referenceColon < 0
				|| !process.start().substring(0, colon).equals(reference.start().substring(0, referenceColon))) {
			return false;
		}
		try {
			return Long.parseLong(process.start().substring(colon + 1)) >= Long
				.parseLong(reference.start().substring(referenceColon + 1));
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/**
	 * A start token for a process that starts now, no later than any process started after this
	 * call (Linux: the boot id and the uptime in clock ticks of 1/100 s, as /proc reports start
	 * times); empty elsewhere. For a launched process that exited before it could be identified.
	 */
	public Optional<String> startTokenNow() {
		if (this.bootId == null) {
			return Optional.empty();
		}
		try {
			String uptime = Files.readString(PROC.resolve("uptime")).strip().split("\\s+")[0];
			return Optional.of(this.bootId + ":" + new BigDecimal(uptime).movePointRight(2).longValue());
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** True when the process runs as the same user as this one. */
	public boolean isSameUser(long pid) {
		Optional<String> mine = ProcessHandle.current().info().user();
		return mine.isPresent() && ProcessHandle.of(pid).flatMap(handle -> handle.info().user()).equals(mine);
	}

	/** True when some process has this pid now (ours or not). */
	public boolean isPidAlive(long pid) {
		return identify(pid).isPresent();
	}

	/**
	 * True when the server runs: the launched process, or (it gone) any process of the session it
	 * led, or its listener. Linux never gives a new process a pid that is still some process's
	 * session id, so a session whose leader's pid is free is the leader's own.
	 */
	public boolean isRunning(ServerProcesses server) {
		return isRunning(server.leader()) || sessionOutlivesLeader(server)
				|| (server.listener() != null && isRunning(server.listener()));
	}

	/** True when the process leads its own session (it was started with setsid). */
	public boolean leadsSession(ProcessIdentity process) {
		return isRunning(process) && session(process.pid()).map(sid -> sid == process.pid()).orElse(false);
	}

	/**
	 * Ends the process and its descendants: SIGTERM, a grace period, then SIGKILL. The process is
	 * checked to be the identified one first; a recycled pid is never signalled.
	 */
	public Termination terminate(ProcessIdentity identity, Duration grace) {
		return terminate(ServerProcesses.of(identity), grace);
	}

	/**
	 * Ends the server: the launched process with its descendants, every process of its session
	 * (also when the launched process is gone), and its listener with its descendants. SIGTERM, a
	 * grace period, then SIGKILL. Each process is checked to be the identified one first.
	 */
	public Termination terminate(ServerProcesses server, Duration grace) {
		if (!isRunning(server)) {
			return isPidAlive(server.leader().pid()) ? Termination.NOT_OURS : Termination.ALREADY_GONE;
		}
		// The JDK's ProcessHandle remembers the start time too, and refuses to signal a process
		// that replaced the one it was created for.
		List<ProcessHandle> tree = members(server);
		tree.forEach(ProcessHandle::destroy);
		if (awaitExit(tree, grace)) {
			return Termination.TERMINATED;
		}
		members(server).stream().filter(handle -> !tree.contains(handle)).forEach(tree::add);
		tree.forEach(ProcessHandle::destroyForcibly);
		awaitExit(tree, Duration.ofSeconds(5));
		// SIGKILL cannot be ignored; a process still here is one we may not signal (another user's)
		return isRunning(server) ? Termination.SURVIVED : Termination.KILLED;
	}

	/** The pids of the process and everything it started (its session too, when it leads one). */
	public Set<Long> family(ProcessIdentity identity) {
		return family(ServerProcesses.of(identity));
	}

	/** The pids of every process of the server (see {@link #terminate(ServerProcesses, Duration)}). */
	public Set<Long> family(ServerProcesses server) {
		return members(server).stream().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

	private List<ProcessHandle> members(ServerProcesses server) {
		List<ProcessHandle> members = new ArrayList<>();
		if (isRunning(server.leader())) {
			ProcessHandle.of(server.leader().pid()).ifPresent(root -> members.addAll(members(root)));
		}
		else if (sessionOutlivesLeader(server)) {
			sessionPids(server.leader().pid()).stream()
				.map(ProcessHandle::of)
				.flatMap(Optional::stream)
				.forEach(members::add);
		}
		if (server.listener() != null && isRunning(server.listener())) {
			ProcessHandle.of(server.listener().pid()).ifPresent(listener -> {
				members.add(listener);
				listener.descendants().forEach(members::add);
			});
		}
		return members.stream().distinct().collect(Collectors.toCollection(ArrayList::new));
	}

	/** The leader is gone (its pid free, so not reused) and its session still has a process, this boot. */
	private boolean sessionOutlivesLeader(ServerProcesses server) {
		ProcessIdentity leader = server.leader();
		return server.leadsSession() && this.bootId != null && leader.start().startsWith(this.bootId + ":")
				&& !isPidAlive(leader.pid()) && !sessionPids(leader.pid()).isEmpty();
	}

	/**
	 * What these processes use now: their CPU time so far and their resident memory, summed (the
	 * pids of a server's {@link #family(ServerProcesses)}). Gone processes count nothing.
	 */
	public Usage usage(Set<Long> pids) {
		long ticks = 0;
		long pages = 0;
		for (long pid : pids) {
			Optional<ProcStat> stat = ProcStat.of(pid).filter(ProcStat::live);
			if (stat.isPresent()) {
				ticks += stat.get().cpuTicks();
				pages += stat.get().residentPages();
			}
		}
		return new Usage(Duration.ofMillis(ticks * 1000 / ProcStat.TICKS_PER_SECOND), pages * ProcStat.PAGE_SIZE);
	}

	/** CPU time used so far and resident bytes of a group of processes. */
	public record Usage(Duration cpuTime, long residentBytes) {
	}

	/** The live (not zombie) processes whose session id is {@code sid}. */
	private static Set<Long> sessionPids(long sid) {
		try (var pids = Files.list(PROC)) {
			return pids.map(path -> path.getFileName().toString())
				.filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
				.map(Long::parseLong)
				.filter(pid -> session(pid).map(session -> session == sid).orElse(false)
						&& linuxStartTicks(pid).isPresent())
				.collect(Collectors.toSet());
		}
		catch (IOException | UncheckedIOException ex) {
			return Set.of();
		}
	}

	/**
	 * The server and everything it started: its descendants, and every process still in its
	 * session. A server started with setsid leads its own session, and a daemonised grandchild
	 * ({@code (server &)} in a shell) is reparented away from the tree but stays in the session.
	 * The session is used only when the server leads it: otherwise it is LocalDB's own (no setsid
	 * on this machine) and must not be touched.
	 */
	private static List<ProcessHandle> members(ProcessHandle root) {
		List<ProcessHandle> members = new ArrayList<>();
		members.add(root);
		root.descendants().forEach(members::add);
		if (session(root.pid()).map(sid -> sid == root.pid()).orElse(false)) {
			try (var pids = Files.list(PROC)) {
				pids.map(path -> path.getFileName().toString())
					.filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
					.mapToLong(Long::parseLong)
					.filter(pid -> pid != root.pid() && session(pid).map(sid -> sid == root.pid()).orElse(false))
					.mapToObj(ProcessHandle::of)
					.flatMap(Optional::stream)
					.filter(handle -> !members.contains(handle))
					.forEach(members::add);
			}
			catch (IOException | UncheckedIOException ex) {
				// no /proc: the descendants are all we can see
			}
		}
		return members;
	}

	private boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ProcessHandle process : processes) {
			long left = deadline - System.nanoTime();
			try {
				process.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (ExecutionException ex) {
				return false;
			}
		}
		return true;
	}

	private static Optional<Long> linuxStartTicks(long pid) {
		return ProcStat.of(pid).filter(ProcStat::live).map(ProcStat::startTicks);
	}

	private static Optional<Long> session(long pid) {
		return ProcStat.of(pid).map(ProcStat::session);
	}

	private static String readBootId() {
		try {
			return Files.readString(PROC.resolve("sys/kernel/random/boot_id")).trim().substring(0, 8);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	public enum Termination {

		/** Ended by SIGTERM within the grace period. */
		TERMINATED,
		/** Ignored SIGTERM and was killed. */
		KILLED,
		/** Nothing had that pid any more. */
		ALREADY_GONE,
		/** The pid belongs to another process now; it was not signalled. */
		NOT_OURS,
		/** Still running after SIGKILL: the signals were not permitted. */
		SURVIVED

	}

}
