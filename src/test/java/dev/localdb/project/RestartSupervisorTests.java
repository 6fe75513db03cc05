package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.os.PortProbe;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.support.TestServer;

/** --restart on-failure against real servers that crash (SIGKILL), and a stop that stays a stop. */
class RestartSupervisorTests {

	@TempDir
	Path home;

	LocalDbFixture localdb;

	final ProjectName crashy = ProjectName.of("crashy");

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 2, 2), new PortProbe(), Duration.ofSeconds(1));
	}

	@AfterEach
	void stopEverything() {
		this.localdb.projects()
			.running(this.crashy)
			.ifPresent(info -> this.localdb.processes().terminate(info.processes(), Duration.ofSeconds(1)));
	}

	@Test
	void aServerThatDiesIsStartedAgainOnItsPortUntilTheLimitThenLeftAlone() throws Exception {
		RestartSupervisor supervisor = supervisor(new RestartSettings(2, Duration.ofMinutes(10), Duration.ZERO));
		ServerInfo first = start("on-failure");

		ServerInfo second = crashAndSupervise(first, supervisor);
		assertThat(second.pid()).isNotEqualTo(first.pid());
		assertThat(second.port()).isEqualTo(first.port());
		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.restarts()).isEqualTo(1));

		ServerInfo third = crashAndSupervise(second, supervisor);
		assertThat(third.pid()).isNotIn(first.pid(), second.pid());

		// the third crash within the window is one too many: it stays down, and says so
		kill(third);
		supervisor.check();
		assertThat(this.localdb.projects().running(this.crashy)).isEmpty();
		assertThat(this.localdb.catalog().list()).singleElement().satisfies(status -> {
			assertThat(status.state()).isEqualTo(ProjectStatus.State.FAILED);
			assertThat(status.gaveUp().exits()).isEqualTo(3);
			assertThat(status.restartedAt()).hasSize(2);
			assertThat(status.restarts()).isEqualTo(2);
		});
		// the daemon launched the third server: it saw it end, by SIGKILL
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			supervisor.check();
			return this.localdb.servers().lastExit(this.crashy).isPresent();
		});
		assertThat(this.localdb.servers().lastExit(this.crashy).orElseThrow().signal()).isEqualTo(9);
		// a daemon started afresh (no restarts counted in memory) does not undo it
		supervisor(new RestartSettings(2, Duration.ofMinutes(10), Duration.ZERO)).check();
		assertThat(this.localdb.projects().running(this.crashy)).isEmpty();
		List<String> log = new ArrayList<>();
		this.localdb.projects().logs(this.crashy, 5, false, false, log::add, () -> true);
		assertThat(log.get(0)).startsWith("! localdb: the daemon gave up restarting crashy at ").contains("after 3 exits");
	}

	@Test
	void aStopIsNeverUndoneAndNoPolicyMeansNoRestart() throws Exception {
		RestartSupervisor supervisor = supervisor(new RestartSettings(5, Duration.ofMinutes(10), Duration.ZERO));
		start("on-failure");
		this.localdb.projects().stop(this.crashy);
		supervisor.check();
		assertThat(this.localdb.projects().running(this.crashy)).isEmpty();

		ServerInfo plain = start("no");
		kill(plain);
		supervisor.check();
		assertThat(this.localdb.projects().running(this.crashy)).isEmpty();
	}

	@Test
	void theWaitDoublesFromTheSecondRestart() {
		RestartSettings policy = new RestartSettings(5, Duration.ofMinutes(10), Duration.ofSeconds(1));
		assertThat(policy.backoff(0)).isZero();
		assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(policy.backoff(30)).isEqualTo(Duration.ofMinutes(1));
	}

	private ServerInfo crashAndSupervise(ServerInfo server, RestartSupervisor supervisor) throws Exception {
		kill(server);
		supervisor.check();
		return this.localdb.projects().running(this.crashy).orElseThrow();
	}

	private void kill(ServerInfo server) throws Exception {
		ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
		process.destroyForcibly();
		process.onExit().get(10, TimeUnit.SECONDS);
	}

	private ServerInfo start(String restart) {
		this.localdb.projects()
			.start(StartRequest.of(this.crashy).withCommand(TestServer.command()).withInvocation(this.home.toString(), null).withRestart(RestartPolicy.fromOption(restart)),
					StartProgress.NONE);
		return this.localdb.projects().running(this.crashy).orElseThrow();
	}

	private RestartSupervisor supervisor(RestartSettings policy) {
		return new RestartSupervisor(this.localdb.registry(), this.localdb.servers(), this.localdb.processes(),
				this.localdb.projects(), policy, Clock.systemUTC());
	}

}
