package dev.localdb.finder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.support.JavaProcess;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

/**
 * The seed's "Concurrent Starts", with 16 separate JVMs instead of three terminals. Without the
 * cross-process lock, two of them read the same registry, each adds itself, and the later write
 * loses the earlier entry (or both take one port).
 */
class ConcurrentAllocationTests {

	private static final int PROCESSES = 16;

	@TempDir
	Path home;

	final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopAllocators() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void sixteenProcessesAllocatingAtTheSameInstantGetDistinctPortsAndAllEntriesSurvive() throws Exception {
		// a small range: the processes contend for the same few ports, with some to spare
		PortRanges ranges = TestPorts.ranges(6, 6, 8);
		Path go = this.home.resolve("go");
		Path release = this.home.resolve("release");
		List<BufferedReader> outputs = new ArrayList<>();
		for (int i = 0; i < PROCESSES; i++) {
			Process process = JavaProcess.start(List.of(), AllocateProcess.class,
					List.of(this.home.toString(), ranges.defaultRange().toString(), ranges.fallbackRange().toString(),
							ranges.extendedRange().toString(), "project-" + i, go.toString(), release.toString()),
					Map.of());
			this.processes.add(process);
			outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
		}
		for (BufferedReader output : outputs) {
			assertThat(output.readLine()).isEqualTo("READY");
		}
		Files.createFile(go);

		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < PROCESSES; i++) {
			String line = outputs.get(i).readLine();
			assertThat(line).as("project-%d", i).startsWith("PORT ");
			ports.add(Integer.parseInt(line.substring(5)));
		}

		// every allocator is still alive: each reservation is live, none was given away as stale
		assertThat(ports).doesNotHaveDuplicates();
		Registry registry = LocalDbFixture.create(this.home, ranges).registry().read();
		assertThat(registry.ports()).hasSize(PROCESSES);
		for (int i = 0; i < PROCESSES; i++) {
			assertThat(registry.allocation(ProjectName.of("project-" + i)).map(Allocation::port))
				.hasValue(ports.get(i));
		}
		Files.createFile(release);
		for (Process process : this.processes) {
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
	}

}
