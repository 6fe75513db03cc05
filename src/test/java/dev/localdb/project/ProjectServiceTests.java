package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PortProbe;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.support.TestServer;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** The seed's start and stop flows with real, detached server processes. */
class ProjectServiceTests {

	@TempDir
	Path home;

	PortRanges ranges;

	LocalDbFixture localdb;

	/** Every project a test started, stopped after it; starts run in parallel threads. */
	final List<ProjectName> started = new CopyOnWriteArrayList<>();

	Process bystander;

	@BeforeEach
	void setUp() {
		this.ranges = TestPorts.ranges(10, 5, 5);
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
	}

	@AfterEach
	void stopEverything() {
		this.localdb.stopServers(this.started);
		if (this.bystander != null) {
			this.bystander.destroyForcibly();
		}
	}

	@Test
	void startListensOnTheAllocatedPortAndStopReleasesEverything() throws Exception {
		StartResult result = start("diary");

		assertThat(result.port()).isBetween(this.ranges.defaultRange().low(), this.ranges.defaultRange().high());
		assertThat(get(result.url() + "health")).contains("\"status\":\"UP\"", "\"project\":\"diary\"");
		assertThat(get(result.url())).contains("LocalDB Studio", "diary");
		ServerInfo info = this.localdb.servers().read(ProjectName.of("diary")).orElseThrow();
		assertThat(info.port()).isEqualTo(result.port());
		assertThat(info.pid()).isEqualTo(result.pid());
		assertThat(this.localdb.registry().allocation(ProjectName.of("diary")))
			.hasValueSatisfying(a -> assertThat(a.state()).isEqualTo(Allocation.State.RUNNING));

		StopResult stopped = this.localdb.projects().stop(ProjectName.of("diary"));

		assertThat(stopped.killed()).isFalse();
		assertThat(ProcessHandle.of(result.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
		assertThat(this.localdb.servers().exists(ProjectName.of("diary"))).isFalse();
		assertThat(this.localdb.registry().allocations()).isEmpty();
		assertThat(this.localdb.probe().isFree(result.port())).isTrue();
	}

	@Test
	void startingARunningProjectReturnsItsUrl() {
		StartResult first = start("diary");
		StartResult again = start("diary");
		assertThat(again.alreadyRunning()).isTrue();
		assertThat(again.pid()).isEqualTo(first.pid());
		assertThat(again.url()).isEqualTo(first.url());
	}

	/** The seed's "Test Port Reclamation". */
	@Test
	void afterKillNineTheProjectStartsAgainOnTheSamePort() throws Exception {
		StartResult first = start("test-project");
		ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
		ProcessHandle.of(first.pid()).ifPresent(handle -> handle.onExit().join());

		StartResult second = start("test-project");

		assertThat(second.alreadyRunning()).isFalse();
		assertThat(second.pid()).isNotEqualTo(first.pid());
		assertThat(second.port()).isEqualTo(first.port());
	}

	@Test
	void serverThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
		String command = java() + " -cp " + System.getProperty("java.class.path") + " " + StubbornServer.class.getName();
		StartResult result = start(StartRequest.of(ProjectName.of("stubborn")).withCommand(command));

		long begin = System.nanoTime();
		StopResult stopped = this.localdb.projects().stop(ProjectName.of("stubborn"));

		assertThat(stopped.killed()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.localdb.processes().isPidAlive(result.pid())).isFalse();
		assertThat(this.localdb.registry().allocations()).isEmpty();
	}

	@Test
	void serverJsonPointingAtALiveProcessThatIsNotOursIsNeverSignalled() throws IOException {
		this.bystander = new ProcessBuilder("sleep", "60").start();
		ProjectName project = ProjectName.of("diary");
		ServerInfo recycled = new ServerInfo(this.bystander.pid(), this.ranges.defaultRange().low(), Instant.now(),
				"another-start:1", "127.0.0.1", null);
		this.localdb.servers().write(project, recycled);
		this.localdb.registry().update(r -> r.with(project, Allocation.running(recycled.port(), 1, recycled.process())));

		assertThatThrownBy(() -> this.localdb.projects().stop(project)).isInstanceOf(ProjectNotRunningException.class)
			.hasMessageContaining("belongs to another process")
			.hasMessageContaining("released port " + recycled.port());

		assertThat(this.bystander.isAlive()).isTrue();
		assertThat(this.localdb.servers().exists(project)).isFalse();
		assertThat(this.localdb.registry().allocations()).isEmpty();
	}

	@Test
	void stoppingAProjectThatIsNotRunningIsAClearError() {
		assertThatThrownBy(() -> this.localdb.projects().stop(ProjectName.of("ghost")))
			.isInstanceOf(ProjectNotRunningException.class)
			.hasMessageContaining("'ghost' is not running")
			.hasMessageContaining("localdb list");
	}

	@Test
	void serverThatFailsToStartReleasesItsPortAndShowsItsLog() {
		StartRequest failing = StartRequest.of(ProjectName.of("broken")).withCommand("echo 'boom: missing config file' >&2; exit 3");

		assertThatThrownBy(() -> this.localdb.projects().start(failing, StartProgress.NONE))
			.isInstanceOf(ServerStartFailedException.class)
			.hasMessageContaining("exited with status 3")
			.hasMessageContaining("| boom: missing config file")
			.hasMessageContaining("localdb start broken");

		assertThat(this.localdb.registry().allocations()).isEmpty();
		assertThat(this.localdb.servers().exists(ProjectName.of("broken"))).isFalse();
	}

	@Test
	void serverThatNeverListensTimesOutAndIsStopped() {
		LocalDbFixture quick = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
		ProjectService projects = impatient(quick);
		StartRequest silent = StartRequest.of(ProjectName.of("silent")).withCommand("exec sleep 60");

		assertThatThrownBy(() -> projects.start(silent, StartProgress.NONE))
			.isInstanceOf(ServerStartFailedException.class)
			.hasMessageContaining("did not listen on port")
			.hasMessageContaining("make sure it reads $PORT");

		assertThat(quick.registry().allocations()).isEmpty();
	}

	/**
	 * Readiness is the server's own listening socket, not a connect: here another program takes
	 * the port while the server never listens, and the start fails instead of calling it started.
	 */
	@Test
	void aForeignListenerOnThePortIsNotTheServerBeingReady() throws Exception {
		PortRanges single = TestPorts.ranges(1, 1, 1);
		LocalDbFixture quick = LocalDbFixture.create(this.home, single, new PortProbe(), Duration.ofSeconds(1));
		ProjectService projects = impatient(quick);
		int port = single.defaultRange().low();
		CompletableFuture<StartResult> starting = CompletableFuture
			.supplyAsync(() -> projects.start(StartRequest.of(ProjectName.of("decoy")).withCommand("exec sleep 60"),
					StartProgress.NONE));
		await().atMost(Duration.ofSeconds(10)).until(() -> quick.servers().exists(ProjectName.of("decoy")));
		try (ForeignListener foreign = ForeignListener.on("127.0.0.1", port)) {
			assertThatThrownBy(() -> starting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ServerStartFailedException.class)
				.hasMessageContaining("did not listen on port " + port);
		}
		assertThat(quick.registry().allocations()).isEmpty();
	}

	@Test
	void aServerListeningOnAnotherPortIsNamedInTheFailure() throws Exception {
		LocalDbFixture quick = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
		int elsewhere = TestPorts.freeBlock(1).low();
		StartRequest wrong = StartRequest.of(ProjectName.of("wrong-port")).withCommand("PORT=" + elsewhere + " exec " + java() + " -cp " + System.getProperty("java.class.path") + " "
						+ StubbornServer.class.getName());
		assertThatThrownBy(() -> impatient(quick).start(wrong, StartProgress.NONE))
			.isInstanceOf(ServerStartFailedException.class)
			.hasMessageContaining("it listens on " + elsewhere + ", not on $PORT=");
	}

	@Test
	void anAddressOfNoInterfaceIsBadInputBeforeAnythingIsReserved() {
		assertThatThrownBy(() -> start(StartRequest.of(ProjectName.of("far")).withHost("999.1.1.1")))
			.isInstanceOf(LocalDbException.class)
			.satisfies(ex -> assertThat(((LocalDbException) ex).failure())
				.isEqualTo(Failure.USAGE))
			.hasMessageContaining("'999.1.1.1' is not an address of this machine");
		assertThat(this.localdb.registry().allocations()).isEmpty();
		assertThat(this.localdb.paths().runtime().resolve("far")).doesNotExist();
	}

	@Test
	void aStartThatFailedBeforeItsServerRanIsNotListed() throws Exception {
		PortRanges single = TestPorts.ranges(1, 1, 1);
		LocalDbFixture full = LocalDbFixture.create(this.home, single, new PortProbe(), Duration.ofSeconds(1));
		List<ForeignListener> busy = new ArrayList<>();
		try {
			for (PortRange range : List.of(single.defaultRange(), single.fallbackRange(),
					single.extendedRange())) {
				busy.add(ForeignListener.on("127.0.0.1", range.low()));
			}
			assertThatThrownBy(() -> full.projects().start(StartRequest.of(ProjectName.of("nowhere")),
					StartProgress.NONE))
				.hasMessageContaining("No free port");
		}
		finally {
			for (ForeignListener listener : busy) {
				listener.close();
			}
		}
		assertThat(full.catalog().list()).extracting(status -> status.project().value()).doesNotContain("nowhere");
	}

	@Test
	void restartOfAProjectThatWasNotRunningSaysItStartedIt() throws Exception {
		StartResult result = this.localdb.projects()
			.restart(StartRequest.of(ProjectName.of("fresh")), StartProgress.NONE);
		this.started.add(ProjectName.of("fresh"));
		assertThat(result.replaced()).isFalse();
		StartResult again = this.localdb.projects()
			.restart(StartRequest.of(ProjectName.of("fresh")), StartProgress.NONE);
		assertThat(again.replaced()).isTrue();
	}

	/** Projects on this fixture that give up on a silent server after 2 s. */
	private static ProjectService impatient(LocalDbFixture fixture) {
		return withSettings(fixture, new ProjectSettings("127.0.0.1", Duration.ofSeconds(2), Duration.ofSeconds(1),
				LocalDbFixture.STUDIO_JVM_OPTIONS, 5, DataSize.ofMegabytes(10), 3, Duration.ofSeconds(5)));
	}

	private static ProjectService withSettings(LocalDbFixture fixture, ProjectSettings settings) {
		return new ProjectService(fixture.registry(), fixture.servers(), fixture.scanner(), fixture.processes(),
				fixture.probe(), new DetachedLauncher(), fixture.paths(), settings,
				Clock.systemUTC());
	}

	/** The seed's "Concurrent Starts", in one JVM: different projects, distinct ports, all listening. */
	@Test
	void concurrentStartsOfDifferentProjectsGetDistinctPortsAndAllListen() throws Exception {
		List<StartResult> results = inParallel(List.of("project-a", "project-b", "project-c"),
				name -> start(name));
		assertThat(results.stream().map(StartResult::port).distinct()).hasSize(3);
		for (StartResult result : results) {
			assertThat(get(result.url() + "health")).contains(result.project().value());
		}
	}

	@Test
	void concurrentStartsOfTheSameProjectStartOneServer() throws Exception {
		List<StartResult> results = inParallel(List.of("diary", "diary", "diary"), name -> start(name));
		assertThat(results.stream().map(StartResult::pid).distinct()).hasSize(1);
		assertThat(results.stream().filter(r -> !r.alreadyRunning())).hasSize(1);
	}

	/** The seed's "Rapid Start/Stop Cycles": the port is released at once and reused. */
	@Test
	void twentyRapidStartStopCyclesOfOneProject() throws Exception {
		Integer port = null;
		for (int cycle = 0; cycle < 20; cycle++) {
			StartResult result = start("cycle");
			if (port != null) {
				assertThat(result.port()).as("cycle %d", cycle).isEqualTo(port);
			}
			port = result.port();
			assertThat(get(result.url() + "health")).contains("UP");
			this.localdb.projects().stop(ProjectName.of("cycle"));
			assertThat(this.localdb.registry().allocations()).as("cycle %d", cycle).isEmpty();
		}
	}

	/** A server that daemonises a child ({@code (server &)}) leaves the tree but not its session. */
	@Test
	void stopEndsADaemonisedGrandchildThatHoldsThePort() throws Exception {
		Path pidFile = this.home.resolve("grandchild.pid");
		StartResult started = start(StartRequest.of(ProjectName.of("forked")).withCommand("(" + java() + " -cp " + System.getProperty("java.class.path") + " " + StubbornServer.class.getName()
						+ " >/dev/null 2>&1 & echo $! > " + pidFile + "); exec sleep 1000"));
		long grandchild = Long.parseLong(Files.readString(pidFile).trim());
		try {
			assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);

			StopResult stopped = this.localdb.projects().stop(ProjectName.of("forked"));

			assertThat(stopped.portStillInUse()).isFalse();
			assertThat(stopped.describe()).endsWith("port " + started.port() + " released");
			assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).isFalse();
			assertThat(this.localdb.probe().isFree(started.port())).isTrue();
		}
		finally {
			ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	/** A project's command, its directory, host and port are remembered after stop (issue 10, item 5). */
	@Test
	void startAndRestartAfterStopReuseTheRememberedCommandDirectoryHostAndPort() throws Exception {
		Path projectDir = Files.createDirectories(this.home.resolve("my project"));
		Path marker = this.home.resolve("marker.txt");
		String command = "printf '%s|%s|%s\\n' \"$(pwd)\" \"$LOCALDB_HOST\" \"$PORT\" >> '" + marker + "'; "
				+ TestServer.command();
		StartResult first = start(StartRequest.of(ProjectName.of("hh")).withCommand(command).withHost("localhost").withInvocation(projectDir.toString(), null));
		this.localdb.projects().stop(ProjectName.of("hh"));

		// from anywhere else, with nothing given again
		StartResult restarted = this.localdb.projects()
			.restart(StartRequest.of(ProjectName.of("hh")).withInvocation(this.home.toString(), null), StartProgress.NONE);
		assertThat(restarted.port()).isEqualTo(first.port());
		assertThat(restarted.url()).isEqualTo("http://localhost:" + first.port() + "/");
		this.localdb.projects().stop(ProjectName.of("hh"));
		StartResult startedAgain = start(StartRequest.of(ProjectName.of("hh")).withInvocation(this.home.toString(), null));

		String expected = projectDir + "|localhost|" + first.port();
		assertThat(Files.readAllLines(marker)).containsExactly(expected, expected, expected);
		assertThat(startedAgain.port()).isEqualTo(first.port());
	}

	@Test
	void aCommandGivenAgainReplacesTheRememberedOneAndRunsWhereItWasGiven() throws Exception {
		Path marker = this.home.resolve("where.txt");
		start(StartRequest.of(ProjectName.of("swap")).withCommand(TestServer.command()).withInvocation(this.home.toString(), null));
		this.localdb.projects().stop(ProjectName.of("swap"));
		Path other = Files.createDirectories(this.home.resolve("other"));
		start(StartRequest.of(ProjectName.of("swap")).withCommand("pwd > '" + marker + "'; " + TestServer.command()).withInvocation(other.toString(), null));
		assertThat(Files.readAllLines(marker)).containsExactly(other.toString());
	}

	/** A failed start shows its own run's lines, not an earlier run's (issue 10, item 6). */
	@Test
	void aFailedStartShowsOnlyItsOwnRunsLogAndTheLogRotates() throws Exception {
		LocalDbFixture quick = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
		ProjectService projects = withSettings(quick, new ProjectSettings("127.0.0.1", Duration.ofSeconds(10),
				Duration.ofSeconds(1), LocalDbFixture.STUDIO_JVM_OPTIONS, 20, DataSize.ofBytes(1), 3,
				Duration.ofSeconds(5)));
		ProjectName logged = ProjectName.of("logged");
		projects.start(StartRequest.of(logged).withCommand("echo first-run-was-listening; " + TestServer.command()).withInvocation(this.home.toString(), null), StartProgress.NONE);
		this.started.add(logged);
		projects.stop(logged);

		assertThatThrownBy(() -> projects.start(StartRequest.of(logged).withCommand("echo second-run-failed; exit 3").withInvocation(this.home.toString(), null), StartProgress.NONE))
			.isInstanceOf(ServerStartFailedException.class)
			.hasMessageContaining("second-run-failed")
			.hasMessageNotContaining("first-run-was-listening");
		Path log = quick.paths().serverLog(logged);
		assertThat(Files.readString(log.resolveSibling("server.log.1"))).contains("first-run-was-listening");
		assertThat(Files.readString(log)).doesNotContain("first-run-was-listening");
	}

	@Test
	void forgetStopsTheServerAndRemovesWhatIsRemembered() throws Exception {
		StartResult started = start(StartRequest.of(ProjectName.of("old")).withCommand(TestServerCommand.COMMAND).withInvocation(this.home.toString(), null));

		ForgetResult forgotten = this.localdb.projects().forget(ProjectName.of("old"));

		assertThat(forgotten.stoppedPid()).contains(started.pid());
		assertThat(ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThat(this.localdb.registry().allocations()).isEmpty();
		assertThat(this.localdb.servers().remembered(ProjectName.of("old"))).isEmpty();
		assertThat(this.localdb.catalog().list()).extracting(status -> status.project().value()).doesNotContain("old");
		try (var left = Files.list(this.localdb.paths().studioDir(ProjectName.of("old")))) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactly(".lock");
		}
		// a later start begins afresh: Studio, not the forgotten command
		StartResult fresh = start("old");
		assertThat(get(fresh.url() + "health")).contains("\"project\":\"old\"");
		assertThatThrownBy(() -> this.localdb.projects().forget(ProjectName.of("never-known")))
			.isInstanceOf(ProjectNotRunningException.class)
			.hasMessageContaining("LocalDB knows no project 'never-known'");
	}

	@Test
	void logsShowTheCurrentRunOrEveryRunAndFollowUntilStopped() throws Exception {
		ProjectName project = ProjectName.of("talky");
		start(StartRequest.of(project).withCommand("echo run-one; " + TestServerCommand.COMMAND).withInvocation(this.home.toString(), null));
		this.localdb.projects().stop(project);
		start(StartRequest.of(project).withCommand("echo run-two; " + TestServerCommand.COMMAND).withInvocation(this.home.toString(), null));

		List<String> current = new CopyOnWriteArrayList<>();
		this.localdb.projects().logs(project, 10, false, false, current::add, () -> true);
		assertThat(current).contains("run-two").doesNotContain("run-one");
		List<String> every = new ArrayList<>();
		this.localdb.projects().logs(project, 100, true, false, every::add, () -> true);
		assertThat(every).contains("run-one", "run-two")
			.anySatisfy(line -> assertThat(line).startsWith("--- localdb: run started "));

		AtomicBoolean stop = new AtomicBoolean();
		List<String> followed = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> following = CompletableFuture.runAsync(
				() -> this.localdb.projects().logs(project, 0, false, true, followed::add, stop::get));
		// the follower starts at the end of the log as it finds it: write until it shows
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
			Files.writeString(this.localdb.paths().serverLog(project), "written-later\n", StandardOpenOption.APPEND);
			return followed.contains("written-later");
		});
		stop.set(true);
		following.get(10, TimeUnit.SECONDS);
		assertThat(followed).contains("written-later").doesNotContain("run-two");
		assertThatThrownBy(() -> this.localdb.projects().logs(ProjectName.of("never-known"), 5, false, false, line -> {
		}, () -> true)).isInstanceOf(ProjectNotRunningException.class);
	}

	/** The well-behaved test server, as a --command. */
	private static final class TestServerCommand {

		static final String COMMAND = TestServer.command();

	}

	@Test
	void restartKeepsThePortAndTheCommand() throws Exception {
		StartResult first = start("diary");
		StartResult restarted = this.localdb.projects().restart(StartRequest.of(ProjectName.of("diary")), StartProgress.NONE);
		this.started.add(ProjectName.of("diary"));
		assertThat(restarted.port()).isEqualTo(first.port());
		assertThat(restarted.pid()).isNotEqualTo(first.pid());
		assertThat(get(restarted.url() + "health")).contains("UP");
	}

	@Test
	void listShowsRunningStaleAndStoppedProjects() throws Exception {
		StartResult running = start("running");
		start("stopped");
		this.localdb.projects().stop(ProjectName.of("stopped"));
		// crashed last: the next allocation's auto-cleanup would remove it
		StartResult crashed = start("crashed");
		ProcessHandle.of(crashed.pid()).orElseThrow().destroyForcibly();
		ProcessHandle.of(crashed.pid()).ifPresent(handle -> handle.onExit().join());

		List<ProjectStatus> statuses = this.localdb.catalog().list();

		assertThat(statuses).extracting(s -> s.project().value(), ProjectStatus::state)
			.containsExactly(Tuple.tuple("crashed", ProjectStatus.State.STALE),
					Tuple.tuple("running", ProjectStatus.State.RUNNING),
					Tuple.tuple("stopped", ProjectStatus.State.STOPPED));
		assertThat(statuses.get(1).port()).isEqualTo(running.port());
		assertThat(statuses.get(1).url()).isEqualTo(running.url());
	}

	private StartResult start(String project) {
		return start(StartRequest.of(ProjectName.of(project)));
	}

	private StartResult start(StartRequest request) {
		this.started.add(request.project());
		return this.localdb.projects().start(request, StartProgress.NONE);
	}

	private static <T> List<T> inParallel(List<String> names, Function<String, T> action)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(names.size());
		CountDownLatch go = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (String name : names) {
			Callable<T> task = () -> {
				go.await();
				return action.apply(name);
			};
			futures.add(pool.submit(task));
		}
		go.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();
		return results;
	}

	private static String get(String url) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
