package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.os.PortProbe;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.support.TestServer;

/**
 * The server behind a wrapper shell (issue 14.2) and the window before it listens (issue 14.7):
 * the server is its session, not the pid LocalDB launched.
 */
class ServerSessionTests {

	/** A server under a shell that stays: the last word is a builtin, so no shell execs the server. */
	static final String WRAPPED = TestServer.command().replaceFirst("^exec ", "") + "; exit $?";

	@TempDir
	Path home;

	LocalDbFixture localdb;

	final List<ProjectName> started = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(4, 2, 2), new PortProbe(), Duration.ofSeconds(1));
	}

	@AfterEach
	void stopEverything() {
		this.localdb.stopServers(this.started);
	}

	@Test
	void theShownPidIsTheListenerNotTheWrapperShell() throws IOException {
		StartResult result = start("wrapped", WRAPPED);
		ServerInfo info = this.localdb.servers().read(ProjectName.of("wrapped")).orElseThrow();
		assertThat(comm(info.pid())).isEqualTo("sh");
		assertThat(result.pid()).isEqualTo(info.listenerPid()).isNotEqualTo(info.pid());
		assertThat(comm(result.pid())).isEqualTo("java");
		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.pid()).isEqualTo(result.pid()));
		assertThat(this.localdb.registry().allocation(ProjectName.of("wrapped")).map(Allocation::pid))
			.hasValue(result.pid());
	}

	@Test
	void killingTheWrapperLeavesTheProjectRunningAndStopEndsTheServerItLeftBehind() {
		StartResult result = start("orphaned", WRAPPED);
		ServerInfo info = this.localdb.servers().read(ProjectName.of("orphaned")).orElseThrow();
		ProcessHandle wrapper = ProcessHandle.of(info.pid()).orElseThrow();
		wrapper.destroyForcibly();
		wrapper.onExit().join();

		assertThat(this.localdb.probe().isListenedBy(result.port(), Set.of(result.pid()))).hasValue(true);
		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.state()).isEqualTo(ProjectStatus.State.RUNNING));
		assertThat(this.localdb.cleaner().cleanup().removed()).isEmpty();
		assertThat(this.localdb.registry().allocation(ProjectName.of("orphaned"))).isPresent();

		StartResult again = this.localdb.projects().restart(StartRequest.of(ProjectName.of("orphaned")), StartProgress.NONE);
		assertThat(again.port()).isEqualTo(result.port());
		assertThat(again.replaced()).isTrue();
		assertThat(ProcessHandle.of(result.pid()).filter(ProcessHandle::isAlive)).isEmpty();

		ServerInfo second = this.localdb.servers().read(ProjectName.of("orphaned")).orElseThrow();
		ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();
		StopResult stopped = this.localdb.projects().stop(ProjectName.of("orphaned"));
		assertThat(stopped.portStillInUse()).isFalse();
		assertThat(ProcessHandle.of(again.pid()).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(this.localdb.probe().isFree(result.port())).isTrue();
	}

	@Test
	void aSimpleCommandRunsWithoutAShellInItsSession() throws IOException {
		StartResult result = start("simple", TestServer.command().replaceFirst("^exec ", ""));
		ServerInfo info = this.localdb.servers().read(ProjectName.of("simple")).orElseThrow();
		assertThat(info.pid()).isEqualTo(result.pid());
		Set<Long> session = this.localdb.processes().family(info.processes());
		assertThat(session).isNotEmpty();
		for (long pid : session) {
			assertThat(comm(pid)).isNotEqualTo("sh");
		}
	}

	@Test
	void aServerIsStartingWithoutAUrlUntilItListens() throws Exception {
		ProjectName slow = ProjectName.of("slow");
		CompletableFuture<StartResult> start = CompletableFuture
			.supplyAsync(() -> start("slow", "sleep 2; " + TestServer.command()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.localdb.servers().read(slow).isPresent());
		assertThat(this.localdb.servers().read(slow).orElseThrow().ready()).isFalse();
		assertThat(this.localdb.catalog().list()).singleElement().satisfies(status -> {
			assertThat(status.state()).isEqualTo(ProjectStatus.State.STARTING);
			assertThat(status.url()).isNull();
		});
		StartResult result = start.get();
		assertThat(this.localdb.catalog().list()).singleElement().satisfies(status -> {
			assertThat(status.state()).isEqualTo(ProjectStatus.State.RUNNING);
			assertThat(status.url()).isEqualTo(result.url());
		});
		assertThat(this.localdb.servers().read(slow).map(ServerInfo::ready)).hasValue(true);
	}

	@Test
	void onlySimpleCommandsAreExeced() {
		assertThat(ShellCommand.forShell("npx vite --port $PORT")).isEqualTo("exec npx vite --port $PORT");
		assertThat(ShellCommand.forShell("python3 -m http.server $PORT > /tmp/x")).startsWith("exec ");
		for (String compound : List.of("cd web && npm run dev", "a; b", "a | b", "a & b", "(a)", "echo `x`",
				"echo $(x)", "FOO=1 npm start", "exec npm start", "cd web", "if true; then a; fi", "a\nb")) {
			assertThat(ShellCommand.forShell(compound)).as(compound).isEqualTo(compound);
		}
	}

	private StartResult start(String name, String command) {
		ProjectName project = ProjectName.of(name);
		this.started.add(project);
		return this.localdb.projects()
			.start(StartRequest.of(project).withCommand(command).withInvocation(this.home.toString(), null),
					StartProgress.NONE);
	}

	private static String comm(long pid) throws IOException {
		return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip()).orElseThrow();
	}

}
