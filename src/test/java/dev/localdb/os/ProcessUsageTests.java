package dev.localdb.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** What the dashboard shows of a server's processes: CPU time so far and resident memory, from /proc. */
class ProcessUsageTests {

	private final ProcessTable processes = new ProcessTable();

	@Test
	void usageSumsCpuTimeAndResidentMemoryOfLiveProcesses() {
		long self = ProcessHandle.current().pid();
		ProcessTable.Usage mine = this.processes.usage(Set.of(self));
		assertThat(mine.cpuTime()).isPositive();
		assertThat(mine.residentBytes()).isGreaterThan(10L * 1024 * 1024);
		// a pid nobody has counts nothing
		assertThat(this.processes.usage(Set.of(self, Long.MAX_VALUE / 2)).residentBytes())
			.isBetween(mine.residentBytes() / 2, mine.residentBytes() * 2);
		assertThat(this.processes.usage(Set.of()).residentBytes()).isZero();
	}

}
