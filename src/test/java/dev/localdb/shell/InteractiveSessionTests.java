package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.LocalDbApplication;
import dev.localdb.finder.PortRanges;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.TestPorts;

/**
 * The interactive session on a real pseudo-terminal ({@code script} from util-linux, on every
 * Debian): a command typed, its output read, {@code exit} typed.
 */
class InteractiveSessionTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path home;

	final PortRanges ranges = TestPorts.ranges(5, 5, 5);

	Process session;

	final StringBuffer screen = new StringBuffer();

	@AfterEach
	void endSession() {
		if (this.session != null) {
			this.session.destroyForcibly();
		}
	}

	@Test
	void typedCommandIsRunAndExitLeaves() throws Exception {
		int webPort = TestPorts.freeBlock(1).low();
		start(webPort);
		awaitScreen("Allocations over HTTP: http://127.0.0.1:" + webPort + "/actuator/ports");

		type("ports");
		awaitScreen("Total allocations: 0");
		// the session is ready: health is UP, and its details name no path of this machine
		java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + webPort + "/actuator/health"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"registry\"").doesNotContain(this.home.toString());
		type("port ghost");
		awaitScreen("Error: Project 'ghost' holds no port.");
		type("exit");

		assertThat(this.session.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.session.exitValue()).isZero();
	}

	@Test
	void secondSessionWhileTheWebPortIsTakenRunsWithoutTheWebServer() throws Exception {
		int webPort = TestPorts.freeBlock(1).low();
		try (ForeignListener firstSession = ForeignListener.on("127.0.0.1", webPort)) {
			start(webPort);
			awaitScreen("Another LocalDB session already serves http://127.0.0.1:" + webPort + "/actuator/ports");
			assertThat(this.screen.toString()).doesNotContain("APPLICATION FAILED TO START");
			type("ports");
			awaitScreen("Total allocations: 0");
			type("exit");
			assertThat(this.session.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(this.session.exitValue()).isZero();
		}
	}

	private void start(int webPort) throws IOException {
		StringBuilder command = new StringBuilder();
		command.append(Path.of(System.getProperty("java.home"), "bin", "java"))
			.append(" -XX:TieredStopAtLevel=1 -Dserver.port=")
			.append(webPort);
		TestPorts.systemProperties(this.ranges).forEach(property -> command.append(' ').append(property));
		command.append(" -cp ").append(System.getProperty("java.class.path"));
		command.append(' ').append(LocalDbApplication.class.getName());
		Path script = this.home.resolve("session.sh");
		Files.writeString(script, "#!/bin/sh\nexec " + command + "\n");
		script.toFile().setExecutable(true);
		ProcessBuilder builder = new ProcessBuilder("script", "-qfec", script.toString(), "/dev/null");
		builder.environment().put("LOCALDB_HOME", this.home.toString());
		builder.environment().put("TERM", "xterm");
		builder.redirectErrorStream(true);
		this.session = builder.start();
		InputStream output = this.session.getInputStream();
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[4096];
			try {
				for (int n = output.read(buffer); n >= 0; n = output.read(buffer)) {
					this.screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// the session ended
			}
		});
		reader.setDaemon(true);
		reader.start();
	}

	private void type(String line) throws IOException {
		OutputStream input = this.session.getOutputStream();
		input.write((line + "\r").getBytes(StandardCharsets.UTF_8));
		input.flush();
	}

	private void awaitScreen(String text) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!this.screen.toString().contains(text) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(this.screen.toString()).as("the screen so far").contains(text);
	}

}
