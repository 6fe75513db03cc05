package dev.localdb.projectfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.client.LocalDbClient;
import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.TestServer;

/**
 * {@code up} and {@code down} as a user runs them: through the client and a real daemon, from a
 * directory below the file's, with real servers.
 */
class UpDownThroughDaemonTests {

	@TempDir
	Path tempDir;

	@TempDir
	Path repo;

	@Test
	void upStartsInDependencyOrderIsIdempotentRestartsWhatChangedAndDownStopsAll() throws Exception {
		Path seen = this.repo.resolve("seen.txt");
		Files.createDirectories(this.repo.resolve("frontend/src"));
		Files.writeString(this.repo.resolve(".env"), "FROM_FILE=file-value\n");
		Path file = this.repo.resolve("localdb.yml");
		Files.writeString(file, definition(seen, "one"));
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			// from a directory below the file's, as with compose
			Result up = runIn(home, this.repo.resolve("frontend/src"), "up");
			assertThat(up.exitCode()).as(up.stderr()).isZero();
			String apiPort = home.run("port", "api").stdout().strip();
			String webPort = home.run("port", "web").stdout().strip();
			// the name first, as start prints it, the number beside it
			assertThat(up.stdout()).isEqualTo("api: started on port " + apiPort + ", http://api.localhost:" + home.webPort()
					+ "/ (http://127.0.0.1:" + apiPort + "/)\n" + "web: started on port " + webPort + ", http://web.localhost:"
					+ home.webPort() + "/ (http://127.0.0.1:" + webPort + "/)\n");
			// web, which depends on api, started after it, in its own directory, with its env
			assertThat(Files.readAllLines(seen)).containsExactly(
					"api " + this.repo.toRealPath() + " file-value one",
					"web " + this.repo.resolve("frontend").toRealPath() + " - one");

			Result again = runIn(home, this.repo, "up");
			assertThat(again.stdout()).isEqualTo("api: already running on port " + apiPort + "\n"
					+ "web: already running on port " + webPort + "\n");
			assertThat(Files.readAllLines(seen)).as("nothing started again").hasSize(2);

			// only the changed project restarts, on its port
			Files.writeString(file, definition(seen, "two"));
			Result changed = runIn(home, this.repo, "up", "--json");
			assertThat(changed.exitCode()).as(changed.stderr()).isZero();
			assertThat(changed.stdout()).contains("\"action\" : \"already-running\"", "\"action\" : \"restarted\"",
					"\"port\" : " + webPort);
			assertThat(Files.readAllLines(seen)).hasSize(3).last().isEqualTo(
					"web " + this.repo.resolve("frontend").toRealPath() + " - two");

			Result down = runIn(home, this.repo, "down");
			assertThat(down.exitCode()).as(down.stderr()).isZero();
			assertThat(down.stdout()).isEqualTo("web: stopped; port " + webPort + " released\n"
					+ "api: stopped; port " + apiPort + " released\n");
			assertThat(home.run("port", "api").exitCode()).isEqualTo(3);
			assertThat(runIn(home, this.repo, "down").stdout()).isEqualTo("web: not running\napi: not running\n");
		}
	}

	@Test
	void aMistakeInTheFileStartsNothing() throws Exception {
		Path file = this.repo.resolve("localdb.yml");
		Files.writeString(file, """
				projects:
				  api:
				    command: %s
				  web:
				    command: %s
				    depends_on: [api]
				    enviroment: { A: b }
				""".formatted(TestServer.command(), TestServer.command()));
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			Result up = runIn(home, this.repo, "up");
			assertThat(up.exitCode()).isEqualTo(2);
			assertThat(up.stderr()).contains("localdb.yml:7:5: unknown key 'enviroment' in project 'web' (did you mean 'env'?)");
			assertThat(home.run("port", "api").exitCode()).as("nothing started").isEqualTo(3);
			Result none = runIn(home, this.tempDir, "up");
			assertThat(none.exitCode()).isEqualTo(2);
			assertThat(none.stderr()).contains("No localdb.yml in " + this.tempDir);
		}
	}

	/** A name {@code start} or another file already uses is refused, naming both, before anything starts. */
	@Test
	void upRefusesANameThatAnotherFileOrStartAlreadyUses() throws Exception {
		String twoProjects = """
				projects:
				  web:
				    command: %s
				    depends_on: [api]
				  api:
				    command: %s
				""".formatted(quoted(TestServer.command()), quoted(TestServer.command()));
		Files.writeString(this.repo.resolve("localdb.yml"), twoProjects);
		Path other = Files.createDirectories(this.tempDir.resolve("other"));
		Files.writeString(other.resolve("localdb.yml"), "projects:\n  web:\n    command: " + quoted(TestServer.command()) + "\n");
		try (DaemonHome home = new DaemonHome(this.tempDir.resolve("home"))) {
			Result started = home.run("start", "api", "--command", TestServer.command());
			assertThat(started.exitCode()).as(started.stderr()).isZero();
			Result taken = runIn(home, this.repo, "up");
			assertThat(taken.exitCode()).isEqualTo(2);
			assertThat(taken.stderr()).contains("localdb.yml:5:3: 'api' is already a project started by 'localdb start'; "
					+ "rename it here, or run 'localdb forget api' first.");
			assertThat(home.run("port", "web").exitCode()).as("nothing started").isEqualTo(3);

			assertThat(home.run("stop", "api").exitCode()).isZero();
			assertThat(home.run("forget", "api").exitCode()).isZero();
			Result up = runIn(home, this.repo, "up");
			assertThat(up.exitCode()).as(up.stderr()).isZero();

			Result otherFile = runIn(home, other, "up");
			assertThat(otherFile.exitCode()).isEqualTo(2);
			assertThat(otherFile.stderr()).contains("localdb.yml:2:3: 'web' is already a project of "
					+ this.repo.resolve("localdb.yml").toRealPath() + "; rename it here, or run "
					+ "'localdb forget web' first.");
			// the user's own restart of a file's project is allowed, and the file still owns it
			assertThat(home.run("restart", "web").exitCode()).isZero();
			Result again = runIn(home, this.repo, "up");
			assertThat(again.exitCode()).as(again.stderr()).isZero();
			assertThat(again.stdout()).contains("web: already running", "api: already running");
			assertThat(runIn(home, this.repo, "down").exitCode()).isZero();
		}
	}

	/** A cluster in the file: {@code up} starts its instances with their named ports, and a new count restarts it. */
	@Test
	void upRunsTheFilesClusterWithItsNamedPortsAndFollowsANewCount() throws Exception {
		Path file = this.repo.resolve("localdb.yml");
		String cluster = """
				projects:
				  api:
				    command: %s
				    instances: %d
				    ports: [debug]
				""";
		Files.writeString(file, cluster.formatted(quoted(TestServer.command()), 2));
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			Result up = runIn(home, this.repo, "up");
			assertThat(up.exitCode()).as(up.stderr()).isZero();
			JsonNode api = api(home);
			assertThat(api.path("instances")).hasSize(2);
			assertThat(api.path("ports").path("debug").asInt()).isPositive();
			assertThat(runIn(home, this.repo, "up").stdout()).startsWith("api: already running");

			Files.writeString(file, cluster.formatted(quoted(TestServer.command()), 3));
			Result grown = runIn(home, this.repo, "up");
			assertThat(grown.exitCode()).as(grown.stderr()).isZero();
			assertThat(grown.stdout()).startsWith("api: restarted");
			assertThat(api(home).path("instances")).hasSize(3);
			assertThat(runIn(home, this.repo, "down").exitCode()).isZero();
		}
	}

	private static JsonNode api(DaemonHome home) throws Exception {
		Result list = home.run("list", "--json");
		assertThat(list.exitCode()).as(list.stderr()).isZero();
		for (JsonNode project : JsonMapper.builder().build().readTree(list.stdout())) {
			if (project.path("project").asString().equals("api")) {
				return project;
			}
		}
		throw new AssertionError("no api in " + list.stdout());
	}

	private String definition(Path seen, String webValue) {
		String record = "echo \"$PROJECT_NAME $(pwd) ${FROM_FILE:--} $WEB_ONLY\" >> '" + seen + "'; ";
		return """
				projects:
				  web:
				    directory: frontend
				    command: %s
				    depends_on: api
				    env: { WEB_ONLY: %s }
				  api:
				    command: %s
				    env_file: .env
				    env: { WEB_ONLY: one }
				    health: tcp
				""".formatted(quoted(record + TestServer.command()), webValue, quoted(record + TestServer.command()));
	}

	private static String quoted(String command) {
		return "'" + command.replace("'", "''") + "'";
	}

	/** {@code localdb ARGS} through the client, run in {@code directory}. */
	private static Result runIn(DaemonHome home, Path directory, String... args) throws Exception {
		List<String> options = new ArrayList<>(home.jvmOptions());
		options.add("-Duser.dir=" + directory);
		return JavaProcess.run(options, LocalDbClient.class, List.of(args), home.environment(Map.of()));
	}

}
