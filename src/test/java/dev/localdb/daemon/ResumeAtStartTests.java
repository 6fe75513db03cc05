package dev.localdb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
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
