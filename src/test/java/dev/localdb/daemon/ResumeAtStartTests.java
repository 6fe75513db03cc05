package dev.localdb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.client.LocalDbClient;
import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.TestServer;

/**
 * A simulated reboot: the daemon stopped and every server killed with SIGKILL; the next command's
 * daemon brings back what was started with {@code --restart always}, on its port, and nothing else.
 */
class ResumeAtStartTests {

	@TempDir
	Path tempDir;

	@Test
	void aNewDaemonResumesProjectsThatRestartAlwaysOnTheirPortsAndNoOthers() throws Exception {
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			// batch sorts between the two: the first resumed start's cleanup must not lose web
			for (String[] project : new String[][] { { "api", "always" }, { "batch", "on-failure" }, { "web", "always" } }) {
				Result started = home.run("start", project[0], "--no-browser", "--restart", project[1], "--command",
						TestServer.command());
				assertThat(started.exitCode()).as(started.stderr()).isZero();
			}
			int apiPort = port(home, "api");
			int webPort = port(home, "web");
			List<Long> pids = List.of(pid(home, "api"), pid(home, "batch"), pid(home, "web"));

			// a power loss: no daemon, and every server gone
			assertThat(home.run("daemon", "stop").exitCode()).isZero();
			for (long pid : pids) {
				ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
				server.destroyForcibly();
				server.onExit().get(10, TimeUnit.SECONDS);
			}
			assertThat(listens(apiPort) || listens(webPort)).isFalse();

			// the next command starts a daemon, which starts api and web again on their ports
			assertThat(home.run("list").exitCode()).isZero();
			await().atMost(Duration.ofSeconds(40)).until(() -> listens(apiPort) && listens(webPort));
			await().atMost(Duration.ofSeconds(10)).until(() -> port(home, "api") == apiPort && port(home, "web") == webPort);
			assertThat(pid(home, "api")).isNotIn(pids);
			Result batch = home.run("port", "batch");
			assertThat(batch.exitCode()).as("batch (on-failure) was not resumed: " + batch.stdout()).isEqualTo(3);
			assertThat(home.run("list").stdout().lines().filter(line -> line.startsWith("batch"))).singleElement()
				.satisfies(line -> assertThat(line).contains("stopped"));
		}
	}

	/** app depends on db in its localdb.yml: after the power loss db starts first again, though it sorts last. */
	@Test
	void aNewDaemonResumesAFilesProjectsInDependencyOrder() throws Exception {
		Path repo = Files.createDirectories(this.tempDir.resolve("repo"));
		Path seen = repo.resolve("seen.txt");
		String command = quoted("echo $PROJECT_NAME >> '" + seen + "'; " + TestServer.command());
		Files.writeString(repo.resolve("localdb.yml"), """
				projects:
				  app:
				    command: %s
				    restart: always
				    depends_on: [db]
				  db:
				    command: %s
				    restart: always
				""".formatted(command, command));
		try (DaemonHome home = new DaemonHome(this.tempDir.resolve("home"))) {
			List<String> options = new ArrayList<>(home.jvmOptions());
			options.add("-Duser.dir=" + repo);
			Result up = JavaProcess.run(options, LocalDbClient.class, List.of("up"), home.environment(Map.of()));
			assertThat(up.exitCode()).as(up.stderr()).isZero();
			assertThat(Files.readAllLines(seen)).containsExactly("db", "app");
			List<Long> pids = List.of(pid(home, "app"), pid(home, "db"));

			assertThat(home.run("daemon", "stop").exitCode()).isZero();
			for (long pid : pids) {
				ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
				server.destroyForcibly();
				server.onExit().get(10, TimeUnit.SECONDS);
			}

			assertThat(home.run("list").exitCode()).isZero();
			await().atMost(Duration.ofSeconds(40)).until(() -> Files.readAllLines(seen).size() == 4);
			assertThat(Files.readAllLines(seen)).containsExactly("db", "app", "db", "app");
			await().atMost(Duration.ofSeconds(10)).until(() -> port(home, "app") > 0 && port(home, "db") > 0);
		}
	}

	private static String quoted(String command) {
		return "'" + command.replace("'", "''") + "'";
	}

	private static int port(DaemonHome home, String project) throws Exception {
		String port = home.run("port", project).stdout().strip();
		return port.isEmpty() ? -1 : Integer.parseInt(port);
	}

	private static long pid(DaemonHome home, String project) throws Exception {
		String json = home.run("list", "--json").stdout();
		String after = json.substring(json.indexOf("\"project\" : \"" + project + "\""));
		return Long.parseLong(after.replaceAll("(?s)^.*?\"pid\" *: *(\\d+).*", "$1"));
	}

	private static boolean listens(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
