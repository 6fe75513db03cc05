package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * --env variables and the user's shell reach the server, through every restart: by hand, by the
 * daemon's supervisor after a crash (which has no shell of its own), and a later plain start;
 * their values sit only in env.json (0600).
 */
class ProjectEnvironmentTests {

	@TempDir
	Path home;

	@TempDir
	Path work;

	LocalDbFixture localdb;

	final ProjectName api = ProjectName.of("api");

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 2, 2), new PortProbe(), Duration.ofSeconds(1));
	}

	@AfterEach
	void stopEverything() {
		this.localdb.stopServers(List.of(this.api));
	}

	@Test
	void variablesAndTheShellReachEveryRunIncludingTheSupervisorsRestart() throws Exception {
		// the user's shell: FOO is overridden by --env, PORT by LocalDB, ONLY_IN_SHELL stays
		Map<String, String> shell = Map.of("PATH", System.getenv("PATH"), "FOO", "from-shell", "ONLY_IN_SHELL",
				"shell-value", "PORT", "1");
		String command = "printf '%s|%s|%s\\n' \"$FOO\" \"$ONLY_IN_SHELL\" \"$PORT\" >> seen.txt; " + TestServer.command();
		StartResult first = this.localdb.projects()
			.start(StartRequest.of(this.api).withCommand(command).withInvocation(this.work.toString(), shell)
				.withRestart(RestartPolicy.ON_FAILURE).withVariables(Map.of("FOO", "s3cret value")), StartProgress.NONE);
		String expected = "s3cret value|shell-value|" + first.port();
		assertThat(seen()).containsExactly(expected);

		// kill -9: the supervisor's restart (no shell, no --env) sees the same variables
		kill(this.localdb.projects().running(this.api).orElseThrow());
		assertThat(this.localdb.projects().revive(this.api)).isPresent();
		assertThat(seen()).containsExactly(expected, expected);

		// restart by hand without --env keeps them; a later start without them too
		this.localdb.projects().restart(StartRequest.of(this.api).withInvocation(this.work.toString(), shell),
				StartProgress.NONE);
		this.localdb.projects().stop(this.api);
		this.localdb.projects().start(StartRequest.of(this.api).withInvocation(this.work.toString(), shell),
				StartProgress.NONE);
		assertThat(seen()).containsExactly(expected, expected, expected, expected);

		// given anew, they replace the remembered ones
		this.localdb.projects().restart(StartRequest.of(this.api).withInvocation(this.work.toString(), shell)
			.withVariables(Map.of("FOO", "other")), StartProgress.NONE);
		assertThat(seen()).last().isEqualTo("other|shell-value|" + first.port());

		// the values: only in env.json, mode 0600; project.json and server.json have none
		Path studio = this.localdb.paths().studioDir(this.api);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(studio.resolve("env.json"))))
			.isEqualTo("rw-------");
		assertThat(Files.readString(studio.resolve("env.json"))).contains("other", "shell-value");
		for (String file : List.of("project.json", "server.json")) {
			assertThat(Files.readString(studio.resolve(file))).doesNotContain("other", "shell-value", "s3cret");
		}
		assertThat(this.localdb.catalog().list().toString()).doesNotContain("other", "shell-value");

		// forget removes them
		this.localdb.projects().forget(this.api);
		assertThat(studio.resolve("env.json")).doesNotExist();
	}

	@Test
	void aLinkPlantedAsEnvJsonIsRefusedNeverFollowed() throws Exception {
		Path target = this.work.resolve("elsewhere");
		Files.writeString(target, "untouched");
		Path studio = this.localdb.paths().ensureStudioDir(this.api);
		Files.createSymbolicLink(studio.resolve("env.json"), target);
		assertThatThrownBy(() -> this.localdb.projects()
			.start(StartRequest.of(this.api).withCommand(TestServer.command()).withInvocation(this.work.toString(), null)
				.withVariables(Map.of("FOO", "s3cret")), StartProgress.NONE))
			.isInstanceOfSatisfying(LocalDbException.class, ex -> assertThat(ex.failure()).isEqualTo(Failure.STORAGE));
		assertThat(Files.readString(target)).isEqualTo("untouched");
		assertThat(this.localdb.projects().running(this.api)).isEmpty();
	}

	private List<String> seen() throws Exception {
		Path file = this.work.resolve("seen.txt");
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

	private static void kill(ServerInfo server) throws Exception {
		ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
		process.destroyForcibly();
		process.onExit().get(10, TimeUnit.SECONDS);
	}

}
