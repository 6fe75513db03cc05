package dev.localdb.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process's line of {@code /proc/<pid>/stat}, the one place it is parsed: its state, session,
 * start time and CPU time in clock ticks, and resident pages. Empty where there is no such process
 * (or no /proc).
 *
 * @param state the state letter ({@code Z}: a zombie, {@code X}: dead)
 * @param session the id of its session
 * @param startTicks when it started, in clock ticks since boot
 * @param cpuTicks the CPU time it used so far (user and system), in clock ticks
 * @param residentPages its resident set, in pages
 */
record ProcStat(char state, long session, long startTicks, long cpuTicks, long residentPages) {

	/** The kernel's USER_HZ as /proc reports it; 100 on every Linux architecture LocalDB runs on. */
	static final int TICKS_PER_SECOND = 100;

	/** Resident pages are of this size on the x86-64 and arm64 kernels LocalDB runs on. */
	static final int PAGE_SIZE = 4096;

	static Optional<ProcStat> of(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// the command name (field 2) may hold spaces and parentheses: the fields start after the last ')'
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Optional.of(new ProcStat(fields[0].charAt(0), Long.parseLong(fields[3]), Long.parseLong(fields[19]),
					Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long.parseLong(fields[21])));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Alive: neither a zombie nor dead. */
	boolean live() {
		return this.state != 'Z' && this.state != 'X';
	}

}
