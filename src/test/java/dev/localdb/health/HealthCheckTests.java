package dev.localdb.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.os.PortProbe;
import dev.localdb.project.ProjectStatus;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.ErrorServer;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.support.TestServer;
import dev.localdb.support.UpgradeIgnoringServer;

/** Health checks against real servers: up, down, TCP, a server that does not listen. */
class HealthCheckTests {

	@TempDir
	Path home;

	LocalDbFixture localdb;

	HealthMonitor monitor;

	final List<ProjectName> started = new ArrayList<>();

	Process sleeper;

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(6, 2, 2), new PortProbe(), Duration.ofSeconds(1));
		this.monitor = new HealthMonitor(this.localdb.registry(), this.localdb.servers(), this.localdb.processes(),
				new HealthChecker(this.localdb.probe(), this.localdb.processes(), Duration.ofSeconds(2), Clock.systemUTC()));
	}

	@AfterEach
	void stopEverything() {
		this.localdb.stopServers(this.started);
		if (this.sleeper != null) {
			this.sleeper.destroyForcibly();
		}
	}

	@Test
	void studioIsUpAndItsLastCheckIsShownByListAndPorts() {
		ServerInfo studio = start("studio", null, null);
		HealthRecord health = this.monitor.check(ProjectName.of("studio"), studio);
		assertThat(health.status()).isEqualTo(HealthRecord.Status.UP);
		assertThat(health.detail()).isEqualTo("GET /health: HTTP 200");

		this.monitor.checkAll();
		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.health().status()).isEqualTo(HealthRecord.Status.UP))
			.extracting(ProjectStatus::state)
			.isEqualTo(ProjectStatus.State.RUNNING);
		assertThat(this.localdb.cleaner().report().allocations()).singleElement()
			.satisfies(allocation -> assertThat(allocation.health().status()).isEqualTo(HealthRecord.Status.UP));
	}

	@Test
	void aServerAnsweringFiveHundredIsDownAndSinceStaysWhileItStaysDown() throws Exception {
		ServerInfo failing = start("failing", ErrorServer.command(), null);
		HealthRecord first = this.monitor.check(ProjectName.of("failing"), failing);
		assertThat(first.status()).isEqualTo(HealthRecord.Status.DOWN);
		assertThat(first.detail()).isEqualTo("GET /: HTTP 500");
		await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(first.checkedAt()));
		HealthRecord second = this.monitor.check(ProjectName.of("failing"), failing);
		assertThat(second.since()).isEqualTo(first.since());
		assertThat(second.checkedAt()).isAfter(first.checkedAt());
	}

	@Test
	void aServerThatNeverAnswersAnUpgradeRequestIsUpOnItsNotFoundAndSeesLocalDbsUserAgent() throws Exception {
		ServerInfo vite = start("vite-like", UpgradeIgnoringServer.command(), null);
		HealthRecord health = this.monitor.check(ProjectName.of("vite-like"), vite);
		assertThat(health.status()).isEqualTo(HealthRecord.Status.UP);
		assertThat(health.detail()).isEqualTo("GET /: HTTP 404");
		assertThat(Files.readString(this.localdb.paths().serverLog(ProjectName.of("vite-like"))))
			.contains("request user-agent=LocalDB-health upgrade=false");
	}

	@Test
	void tcpChecksAConnectAndAPathIsChecked() {
		ServerInfo tcp = start("tcp", TestServer.command(), "tcp");
		assertThat(this.monitor.check(ProjectName.of("tcp"), tcp).detail()).isEqualTo("accepts connections");
		ServerInfo path = start("path", TestServer.command(), "/ready");
		assertThat(this.monitor.check(ProjectName.of("path"), path).detail()).isEqualTo("GET /ready: HTTP 200");
	}

	@Test
	void aRunningServerThatDoesNotListenIsDownWithoutASelfConnectionCounting() throws Exception {
		this.sleeper = new ProcessBuilder("sleep", "60").start();
		var identity = this.localdb.processes().identify(this.sleeper.pid()).orElseThrow();
		ServerInfo silent = new ServerInfo(identity.pid(), TestPorts.freeBlock(1).low(), Instant.now(), identity.start(),
				"127.0.0.1", "sleep 60");
		HealthRecord health = new HealthChecker(this.localdb.probe(), this.localdb.processes(), Duration.ofSeconds(1),
				Clock.systemUTC()).check(silent, null, Optional.empty());
		assertThat(health.status()).isEqualTo(HealthRecord.Status.DOWN);
		assertThat(health.detail()).isEqualTo("its server does not listen on port " + silent.port());
	}

	private ServerInfo start(String name, String command, String health) {
		ProjectName project = ProjectName.of(name);
		this.started.add(project);
		this.localdb.projects()
			.start(StartRequest.of(project).withCommand(command).withInvocation(this.home.toString(), null).withHealth(health == null ? null : HealthMode.parse(health)), StartProgress.NONE);
		return this.localdb.projects().running(project).orElseThrow();
	}

}
