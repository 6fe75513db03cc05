package dev.localdb.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

/** The report the actuator and the dashboard poll: made once per registry version and second. */
class RegistryReportCacheTests {

	@TempDir
	Path home;

	LocalDbFixture localdb;

	/** Open: reads of server.json pass; closed: they wait until it opens (a slow remake). */
	volatile CountDownLatch gate = new CountDownLatch(0);

	final CountDownLatch remaking = new CountDownLatch(1);

	int port;

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 5, 5), new PortProbe(), Duration.ofSeconds(5),
				paths -> new GatedStore(paths));
		this.port = TestPorts.freeBlock(2).low();
	}

	@AfterEach
	void openGate() {
		this.gate.countDown();
	}

	@Test
	void anUnchangedRegistryGetsTheSameReportAndAChangeShowsAtOnce() {
		running("diary", this.port);
		RegistryReport first = this.localdb.cleaner().report();
		assertThat(this.localdb.cleaner().report()).isSameAs(first);

		running("notes", this.port + 1);

		assertThat(this.localdb.cleaner().report().allocations()).extracting(a -> a.project().value())
			.containsExactly("diary", "notes");
	}

	@Test
	void whileOneCallerRemakesAnExpiredReportTheOthersGetTheLastOne() throws Exception {
		running("diary", this.port);
		RegistryReport last = this.localdb.cleaner().report();
		Instant made = Instant.now();
		await().until(() -> Duration.between(made, Instant.now()).compareTo(StaleAllocationCleaner.REPORT_TTL) > 0);
		this.gate = new CountDownLatch(1);

		CompletableFuture<RegistryReport> remade = CompletableFuture.supplyAsync(() -> this.localdb.cleaner().report());
		assertThat(this.remaking.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(this.localdb.cleaner().report()).isSameAs(last);
		this.gate.countDown();
		assertThat(remade.get(10, TimeUnit.SECONDS)).isNotSameAs(last);
		assertThat(this.localdb.cleaner().report()).isSameAs(remade.get());
	}

	private void running(String project, int port) {
		ProjectName name = ProjectName.of(project);
		ProcessIdentity self = this.localdb.processes().self();
		this.localdb.servers()
			.write(name, new ServerInfo(self.pid(), port, Instant.now(), self.start(), "127.0.0.1", null));
		this.localdb.registry().update(r -> r.with(name, Allocation.running(port, 1, self)));
	}

	private final class GatedStore extends ServerInfoStore {

		GatedStore(RuntimePaths paths) {
			super(paths);
		}

		@Override
		public Optional<ServerInfo> read(ProjectName project) {
			CountDownLatch current = RegistryReportCacheTests.this.gate;
			if (current.getCount() > 0) {
				RegistryReportCacheTests.this.remaking.countDown();
				try {
					current.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return super.read(project);
		}

	}

}
