package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.client.LocalDbClient;
import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.TestServer;

/**
 * --env and --env-file, {@code env} and {@code exec} as a user runs them: through the client and a
 * real daemon, whose supervisor restarts a crashed server with the client's variables.
 */
class EnvCommandsThroughDaemonTests {

	@TempDir
	Path tempDir;

	@TempDir
	Path work;

	@Test
	void variablesReachTheServerAndItsRestartsAndNeverShow() throws Exception {
		Path seen = this.work.resolve("seen.txt");
		Path envFile = this.work.resolve("app.env");
		Files.writeString(envFile, "# settings\nexport BAR=\"two words\"\nFOO=from-file\n");
		String command = "printf '%s|%s|%s\\n' \"$FOO\" \"$BAR\" \"$SHELL_ONLY\" >> '" + seen + "'; "
				+ TestServer.command();
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			// the daemon starts here, so its own environment has no SHELL_ONLY
			assertThat(home.run("list").exitCode()).isZero();
			Result started = home.run(Map.of("SHELL_ONLY", "from-client"), "start", "api", "--no-browser", "--restart",
					"on-failure", "--env-file", envFile.toString(), "--env", "FOO=s3cret", "--command", command);
			assertThat(started.exitCode()).as(started.stderr()).isZero();
			assertThat(Files.readAllLines(seen)).containsExactly("s3cret|two words|from-client");

			// the daemon's supervisor restarts it after kill -9, with the same variables and the client's shell
			long pid = Long.parseLong(home.run("list", "--json").stdout().replaceAll("(?s).*\"pid\" *: *(\\d+).*", "$1"));
			ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
			server.destroyForcibly();
			server.onExit().get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(20)).until(() -> Files.readAllLines(seen).size() == 2);
			assertThat(Files.readAllLines(seen)).containsOnly("s3cret|two words|from-client");

			for (String[] shown : List.of(new String[] { "list", "--json" }, new String[] { "ports", "--json" },
					new String[] { "list" })) {
				Result result = home.run(shown);
				assertThat(result.exitCode()).as(result.stderr()).isZero();
				assertThat(result.stdout()).as(String.join(" ", shown)).contains("api")
					.doesNotContain("s3cret", "two words", "from-client", "from-file");
			}

			// a bad line: exit 2, FILE:LINE, nothing started
			Path bad = this.work.resolve("bad.env");
			Files.writeString(bad, "OK=1\nnot a line\n");
			Result refused = home.run("start", "other", "--no-browser", "--env-file", bad.toString());
			assertThat(refused.exitCode()).isEqualTo(2);
			assertThat(refused.stderr()).contains(bad + ":2: expected KEY=VALUE");
			assertThat(home.run("port", "other").exitCode()).isEqualTo(3);

			// env, evaluated by a real sh
			String port = home.run("port", "api").stdout().strip();
			assertThat(evaluated(home, "env api", "echo \"$PORT $PROJECT_NAME $LOCALDB_URL\""))
				.isEqualTo(port + " api http://api.localhost:" + home.webPort() + "/");
			Result json = home.run("env", "api", "--json");
			assertThat(json.stdout()).contains("\"PORT\" : \"" + port + "\"", "\"LOCALDB_URL\"");
			assertThat(home.run("env", "ghost").exitCode()).isEqualTo(3);

			// exec: the caller's environment and directory plus the project's, its exit status passed through
			Result exec = home.run(Map.of("SHELL_ONLY", "mine"), "exec", "api", "--", "sh", "-c",
					"echo \"$PORT $SHELL_ONLY $(pwd)\"; echo to-stderr >&2; exit 7");
			assertThat(exec.exitCode()).as(exec.stderr()).isEqualTo(7);
			assertThat(exec.stdout()).isEqualTo(port + " mine " + Path.of("").toAbsolutePath() + "\n");
			assertThat(exec.stderr()).isEqualTo("to-stderr\n");
			assertThat(home.run("exec", "api", "--", "true").exitCode()).isZero();
			assertThat(home.run("exec", "ghost", "--", "true").exitCode()).isEqualTo(3);
			Result missing = home.run("exec", "api", "--", "no-such-program-here");
			assertThat(missing.exitCode()).isEqualTo(127);
			assertThat(missing.stderr()).contains("cannot run 'no-such-program-here'");
			assertThat(home.daemons()).as("a daemon ran the commands").hasSize(1);

			// forget removes the values
			assertThat(home.run("forget", "api").exitCode()).isZero();
			assertThat(this.tempDir.resolve("runtime/api/.studio/env.json")).doesNotExist();
		}
	}

	@Test
	void ctrlCEndsTheCommandExecRuns() throws Exception {
		Path started = this.work.resolve("started");
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			assertThat(home.run("start", "api", "--no-browser", "--command", TestServer.command()).exitCode()).isZero();
			Process client = home.start(Map.of(), "exec", "api", "--", "sh", "-c",
					"echo $$ > '" + started + "'; exec sleep 60");
			await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(started) && Files.size(started) > 0);
			long sleeper = Long.parseLong(Files.readString(started).strip());
			// SIGINT to the client: it tells the daemon, which ends the command
			new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();
			assertThat(client.waitFor(20, TimeUnit.SECONDS)).isTrue();
			assertThat(client.exitValue()).isEqualTo(130);
			await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
		}
	}

	@Test
	void valuesAreQuotedSoShReadsThemBackUnchanged() throws Exception {
		String value = "it's \"$HOME\" `id` \\ ; $(echo no) *\nsecond line";
		Process sh = new ProcessBuilder("sh", "-c", "X=" + EnvCommands.quoted(value) + "; printf %s \"$X\"").start();
		assertThat(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(value);
		assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

	/** {@code sh -c 'eval "$(localdb ARGS)"; SCRIPT'}, with the client as localdb. */
	private static String evaluated(DaemonHome home, String args, String script) throws Exception {
		List<String> client = new ArrayList<>();
		client.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		client.addAll(home.jvmOptions());
		client.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalDbClient.class.getName()));
		String localdb = client.stream().map(EnvCommands::quoted).collect(Collectors.joining(" "));
		ProcessBuilder sh = new ProcessBuilder("sh", "-c", "eval \"$(" + localdb + " " + args + ")\"; " + script);
		sh.environment().putAll(home.environment(Map.of()));
		Process process = sh.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return out.strip();
	}

}
