package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.finder.PortRanges;
import dev.localdb.os.PortProbe;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.support.TestServer;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * A failed start leaves nothing running (issue 15.6), a server that ignores $PORT fails at once
 * or gets its port passed (issue 14.8), and stop's grace can be given per command (issue 14.5).
 */
class StartFailureTests {

	@TempDir
	Path home;

	final PortRanges ranges = TestPorts.ranges(4, 2, 2);

	LocalDbFixture localdb;

	final List<ProjectName> started = new CopyOnWriteArrayList<>();

	final List<Long> pidsToEnd = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopEverything() {
		if (this.localdb != null) {
			this.localdb.stopServers(this.started);
		}
		this.pidsToEnd.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
	}

	@Test
	void aServerJsonThatCannotBeWrittenStopsTheServerItWouldHaveRecorded() throws IOException {
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1),
				FullDisk::new);
		Path pidFile = this.home.resolve("server.pid");
		String command = "echo $$ > '" + pidFile + "'; " + TestServer.command();

		assertThatThrownBy(() -> start("full", command)).isInstanceOfSatisfying(LocalDbException.class,
				ex -> assertThat(ex.failure()).isEqualTo(Failure.STORAGE));

		long pid = Long.parseLong(Files.readString(pidFile).strip());
		this.pidsToEnd.add(pid);
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(this.localdb.registry().allocations()).isEmpty();
		assertThat(this.localdb.catalog().list()).noneMatch(status -> status.state() == ProjectStatus.State.STARTING
				|| status.state() == ProjectStatus.State.RUNNING);
	}

	@Test
	void aServerThatDaemonisesItselfIsRecordedByItsListenerAndStopEndsIt() {
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
		String command = "(setsid sh -c \"" + TestServer.command() + "\" &)";

		StartResult result = start("daemonised", command);

		ServerInfo info = this.localdb.servers().read(ProjectName.of("daemonised")).orElseThrow();
		this.pidsToEnd.add(result.pid());
		assertThat(info.listenerPid()).isEqualTo(result.pid()).isNotEqualTo(info.pid());
		assertThat(this.localdb.probe().isListenedBy(result.port(), Set.of(result.pid()))).hasValue(true);
		assertThat(this.localdb.catalog().list()).singleElement()
			.satisfies(status -> assertThat(status.state()).isEqualTo(ProjectStatus.State.RUNNING));

		StopResult stopped = this.localdb.projects().stop(ProjectName.of("daemonised"));
		assertThat(stopped.portStillInUse()).isFalse();
		assertThat(ProcessHandle.of(result.pid()).filter(ProcessHandle::isAlive)).isEmpty();
	}

	@Test
	void aServerListeningOnAnotherPortFailsAtOnceAndIsStopped() {
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
		int elsewhere = TestPorts.freeBlock(1).low();
		long begin = System.nanoTime();

		assertThatThrownBy(() -> start("deaf", "PORT=" + elsewhere + " " + TestServer.command()))
			.isInstanceOf(ServerStartFailedException.class)
			.hasMessageContaining("it listens on " + elsewhere + ", not on $PORT=")
			.hasMessageContaining("pass the port to it");

		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.localdb.probe().isFree(elsewhere));
		assertThat(this.localdb.registry().allocations()).isEmpty();
	}

	@Test
	void aKnownDevServerThatIgnoresPortGetsThePortFlagUnlessTold() throws IOException {
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
		Path bin = Files.createDirectories(this.home.resolve("bin"));
		// a "vite" that, like Vite, reads its port from --port only
		Path vite = bin.resolve("vite");
		Files.writeString(vite, "#!/bin/sh\nunset PORT\n[ \"$1\" = --port ] && PORT=$2 && export PORT\n"
				+ "echo \"vite args: $*\"\n" + TestServer.command() + "\n");
		Files.setPosixFilePermissions(vite, PosixFilePermissions.fromString("rwxr-xr-x"));
		Map<String, String> environment = new HashMap<>(System.getenv());
		environment.put("PATH", bin + ":" + System.getenv("PATH"));
		ProjectName project = ProjectName.of("vite");
		this.started.add(project);

		StartResult result = this.localdb.projects()
			.start(StartRequest.of(project).withCommand("vite").withInvocation(this.home.toString(), environment),
					StartProgress.NONE);

		assertThat(result.note()).hasValue("passing --port " + result.port()
				+ " --strictPort to vite (it ignores $PORT); --no-port-flag turns this off");
		assertThat(Files.readString(this.localdb.paths().serverLog(project)))
			.contains("vite args: --port " + result.port() + " --strictPort");
		this.localdb.projects().stop(project);

		assertThatThrownBy(() -> this.localdb.projects()
			.start(StartRequest.of(project).withNoPortFlag(true).withInvocation(this.home.toString(), environment),
					StartProgress.NONE))
			.isInstanceOf(ServerStartFailedException.class)
			.hasMessageContaining("exited with status");
		assertThat(this.localdb.servers().remembered(project).orElseThrow().noPortFlag()).isTrue();
	}

	@Test
	void onlyTheDevServersThemselvesAreRecognised() {
		assertThat(ShellCommand.withPortFlag("npx vite")).hasValueSatisfying(
				flag -> assertThat(flag.command()).isEqualTo("npx vite --port $PORT --strictPort"));
		assertThat(ShellCommand.withPortFlag("./node_modules/.bin/astro dev --host"))
			.hasValueSatisfying(flag -> assertThat(flag.flags()).isEqualTo("--port $PORT"));
		assertThat(ShellCommand.withPortFlag("ng serve")).isPresent();
		assertThat(ShellCommand.withPortFlag("npx react-router dev")).isPresent();
		for (String other : List.of("npm run dev", "vite --port 4000", "vite --port=4000", "cd web && vite",
				"astro build", "python3 -m http.server $PORT")) {
			assertThat(ShellCommand.withPortFlag(other)).as(other).isEmpty();
		}
	}

	@Test
	void stopTakesItsGraceFromTheCommand() {
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(30));
		start("stubborn", "trap '' TERM; " + TestServer.command().replaceFirst("^exec ", "") + "; exit $?");

		long begin = System.nanoTime();
		StopResult stopped = this.localdb.projects().stop(ProjectName.of("stubborn"), Duration.ofMillis(300));

		assertThat(stopped.killed()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
	}

	private StartResult start(String name, String command) {
		ProjectName project = ProjectName.of(name);
		this.started.add(project);
		return this.localdb.projects()
			.start(StartRequest.of(project).withCommand(command).withInvocation(this.home.toString(), null),
					StartProgress.NONE);
	}

	/** A disk that fills up while the server starts: server.json cannot be written once it listens. */
	static final class FullDisk extends ServerInfoStore {

		private final RuntimePaths paths;

		FullDisk(RuntimePaths paths) {
			super(paths);
			this.paths = paths;
		}

		@Override
		public void write(ProjectName project, ServerInfo info) {
			if (!info.ready()) {
				super.write(project, info);
				return;
			}
			throw LocalDbException.storage("write", this.paths.serverJson(project), new IOException("No space left on device"));
		}

	}

}
