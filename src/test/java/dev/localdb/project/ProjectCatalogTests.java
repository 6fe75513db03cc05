package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

/** {@code list}: what it shows, and that it reads only what changed. */
class ProjectCatalogTests {

	@TempDir
	Path home;

	LocalDbFixture localdb;

	final AtomicInteger serverReads = new AtomicInteger();

	int port;

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 5, 5), new PortProbe(), Duration.ofSeconds(5),
				CountingStore::new);
		this.port = TestPorts.freeBlock(2).low();
	}

	@Test
	void aChangeShowsInTheNextListAtOnce() {
		ProjectName diary = running("diary", this.port);
		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.health()).isNull());

		this.localdb.servers()
			.recordHealth(diary, new HealthRecord(HealthRecord.Status.UP, Instant.now(), Instant.now(), 1, "ok"));

		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.health().status()).isEqualTo(HealthRecord.Status.UP));
	}

	@Test
	void anUnchangedProjectIsNotReadAgainAndANewOneShows() throws Exception {
		ProjectName diary = running("diary", this.port);
		Path studio = this.localdb.paths().studioDir(diary);
		Instant changed = Files.getLastModifiedTime(studio, LinkOption.NOFOLLOW_LINKS).toInstant();
		await().until(() -> Duration.between(changed, Instant.now()).compareTo(ProjectCatalog.SETTLE) > 0);
		this.localdb.catalog().list();
		int reads = this.serverReads.get();

		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.state()).isEqualTo(ProjectStatus.State.RUNNING));
		assertThat(this.serverReads).hasValue(reads);

		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		ProjectName notes = ProjectName.of("notes");
		this.localdb.registry().update(r -> r.with(notes, Allocation.running(this.port + 1, 1,
				new ProcessIdentity(gone.pid(), "0"))));
		assertThat(this.localdb.catalog().list()).extracting(status -> status.project().value())
			.containsExactly("diary", "notes");
	}

	private ProjectName running(String project, int port) {
		ProjectName name = ProjectName.of(project);
		ProcessIdentity self = this.localdb.processes().self();
		this.localdb.servers()
			.write(name, new ServerInfo(self.pid(), port, Instant.now(), self.start(), "127.0.0.1", null));
		this.localdb.registry().update(r -> r.with(name, Allocation.running(port, 1, self)));
		return name;
	}

	private final class CountingStore extends ServerInfoStore {

		CountingStore(RuntimePaths paths) {
			super(paths);
		}

		@Override
		public Optional<ServerInfo> read(ProjectName project) {
			ProjectCatalogTests.this.serverReads.incrementAndGet();
			return super.read(project);
		}

	}

}
