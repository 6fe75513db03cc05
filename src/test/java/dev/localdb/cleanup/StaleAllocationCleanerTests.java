package dev.localdb.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.finder.PortRange;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

/** The seed's cleanup rules, each with the process situation it names. */
class StaleAllocationCleanerTests {

	@TempDir
	Path home;

	LocalDbFixture localdb;

	PortRange ports;

	Process bystander;

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 5, 5));
		this.ports = TestPorts.freeBlock(10);
	}

	@AfterEach
	void stopBystander() {
		if (this.bystander != null) {
			this.bystander.destroyForcibly();
		}
	}

	@Test
	void serverWhoseProcessDiedIsStale() throws Exception {
		Process server = new ProcessBuilder("sleep", "60").start();
		ProcessIdentity identity = this.localdb.processes().identify(server.pid()).orElseThrow();
		running("diary", this.ports.low(), identity);
		server.destroyForcibly();
		server.waitFor(10, TimeUnit.SECONDS);

		CleanupResult result = this.localdb.cleaner().cleanup();

		assertThat(result.removed()).singleElement().satisfies(removal -> {
			assertThat(removal.project()).isEqualTo(ProjectName.of("diary"));
			assertThat(removal.reason()).contains("is gone");
		});
		assertThat(this.localdb.registry().allocations()).isEmpty();
		assertThat(this.localdb.servers().exists(ProjectName.of("diary"))).isFalse();
	}

	@Test
	void allocationWithoutServerJsonIsStale() {
		ProcessIdentity self = this.localdb.processes().self();
		this.localdb.registry()
			.update(r -> r.with(ProjectName.of("diary"), Allocation.running(this.ports.low(), 1, self)));

		CleanupResult result = this.localdb.cleaner().cleanup();

		assertThat(result.removed()).singleElement()
			.satisfies(removal -> assertThat(removal.reason()).isEqualTo("no server.json"));
		assertThat(this.localdb.registry().allocations()).isEmpty();
	}

	@Test
	void corruptServerJsonIsTheReasonGivenAndIsRemoved() throws IOException {
		ProcessIdentity self = this.localdb.processes().self();
		running("diary", this.ports.low(), self);
		Files.writeString(this.localdb.paths().serverJson(ProjectName.of("diary")), "{\"pid\": ");

		// the reason says what is wrong, not "no server.json" (issue 10, item 9)
		assertThat(this.localdb.cleaner().cleanup().removed()).singleElement()
			.satisfies(removal -> assertThat(removal.reason()).startsWith("server.json is not valid"));
		assertThat(this.localdb.servers().exists(ProjectName.of("diary"))).isFalse();
	}

	@Test
	void startUnderWayIsKept() {
		ProcessIdentity self = this.localdb.processes().self();
		this.localdb.registry().reserve(ProjectName.of("diary"), this.ports.low(), self);

		CleanupResult result = this.localdb.cleaner().cleanup();

		assertThat(result.removed()).isEmpty();
		assertThat(this.localdb.registry().allocations()).containsKey(ProjectName.of("diary"));
	}

	@Test
	void reservationOfADeadStarterIsStale() throws Exception {
		Process starter = new ProcessBuilder("sleep", "60").start();
		ProcessIdentity identity = this.localdb.processes().identify(starter.pid()).orElseThrow();
		this.localdb.registry().reserve(ProjectName.of("diary"), this.ports.low(), identity);
		starter.destroyForcibly();
		starter.waitFor(10, TimeUnit.SECONDS);

		assertThat(this.localdb.cleaner().cleanup().removed()).singleElement()
			.satisfies(removal -> assertThat(removal.reason()).contains("never completed"));
	}

	@Test
	void recycledPidIsStaleAndNeverSignalled() throws IOException {
		this.bystander = new ProcessBuilder("sleep", "60").start();
		// server.json names the bystander's pid, but with another start: a recycled pid
		ServerInfo recycled = new ServerInfo(this.bystander.pid(), this.ports.low(), Instant.now(),
				"someone-else:42", "127.0.0.1", null);
		this.localdb.servers().write(ProjectName.of("diary"), recycled);
		this.localdb.registry()
			.update(r -> r.with(ProjectName.of("diary"), Allocation.running(this.ports.low(), 1, recycled.process())));

		CleanupResult result = this.localdb.cleaner().cleanup();

		assertThat(result.removed()).singleElement()
			.satisfies(removal -> assertThat(removal.reason()).contains("now belongs to another process"));
		assertThat(this.bystander.isAlive()).isTrue();
	}

	@Test
	void liveServerIsKeptAndCleanupIsRecorded() {
		ProcessIdentity self = this.localdb.processes().self();
		running("diary", this.ports.low(), self);
		long before = System.currentTimeMillis();

		assertThat(this.localdb.cleaner().cleanup().removed()).isEmpty();

		assertThat(this.localdb.registry().allocations()).containsKey(ProjectName.of("diary"));
		assertThat(this.localdb.registry().read().lastCleanup()).isGreaterThanOrEqualTo(before);
	}

	@Test
	void cleanupBeforeAllocationDoesNotRewriteAnUnchangedRecentRegistry() throws IOException {
		ProcessIdentity self = this.localdb.processes().self();
		running("diary", this.ports.low(), self);
		this.localdb.cleaner().cleanup();
		byte[] before = Files.readAllBytes(this.localdb.paths().registryFile());

		assertThat(this.localdb.cleaner().cleanupBeforeAllocation().removed()).isEmpty();

		assertThat(Files.readAllBytes(this.localdb.paths().registryFile())).isEqualTo(before);
	}

	private void running(String project, int port, ProcessIdentity process) {
		ProjectName name = ProjectName.of(project);
		this.localdb.servers()
			.write(name, new ServerInfo(process.pid(), port, Instant.now(), process.start(), "127.0.0.1", null));
		this.localdb.registry().update(r -> r.with(name, Allocation.running(port, 1, process)));
	}

}
