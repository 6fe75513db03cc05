package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import dev.localdb.LocalDbApplication;
import dev.localdb.client.LocalDbClient;
import dev.localdb.finder.PortRanges;
import dev.localdb.support.DaemonHome;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.TestPorts;
import dev.localdb.support.TestServer;

/**
 * The interactive session on a real pseudo-terminal ({@code script} from util-linux, on every
 * Debian): a command typed, its output read, {@code exit} typed.
 * Each test has its own home, ports and processes, so they run side by side when a worker is free.
 */
@Execution(ExecutionMode.CONCURRENT)
class InteractiveSessionTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	/** What JLine writes as it starts reading a line (bracketed paste on): one per prompt. */
	private static final String PROMPT = "\u001b[?2004h";

	@TempDir
	Path home;

	final PortRanges ranges = TestPorts.ranges(5, 5, 5);

	Process session;

	final StringBuffer screen = new StringBuffer();

	final List<Process> others = new ArrayList<>();

	@AfterEach
	void endSession() {
		if (this.session != null) {
			this.session.destroyForcibly();
		}
		this.others.forEach(Process::destroyForcibly);
		// whatever a failed test left: every process of this home (its servers, a daemon)
		new DaemonHome(this.home).close();
	}

	@Test
	void typedCommandIsRunAndExitLeaves() throws Exception {
		int webPort = TestPorts.freeBlock(1).low();
		start(webPort);
		awaitScreen("Allocations over HTTP: http://127.0.0.1:" + webPort + "/actuator/ports");

		type("ports");
		awaitScreen("Total allocations: 0");
		// the session is ready: health is UP, and its details name no path of this machine
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"registry\"").doesNotContain(this.home.toString());
		type("port ghost");
		awaitScreen("Error: Project 'ghost' holds no port.");
		// a request the web server refuses is no business of the prompt
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/actuator/ports/x")).DELETE().build(),
					HttpResponse.BodyHandlers.ofString());
		// a second session sees this one serving, and says so
		Process second = startSecondSession(webPort);
		String secondScreen = new String(second.getInputStream().readNBytes(4000), StandardCharsets.UTF_8);
		assertThat(secondScreen).contains("Another LocalDB session already serves http://127.0.0.1:" + webPort);
		type("ports");
		awaitScreen("Total allocations: 0", 2);
		assertThat(this.screen.toString()).doesNotContain("WARN");
		type("exit");

		assertThat(this.session.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.session.exitValue()).isZero();
		// what was typed is the user's alone
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.home.resolve("shell-history"))))
			.isEqualTo("rw-------");
	}

	@Test
	void secondSessionWhileTheWebPortIsTakenRunsWithoutTheWebServer() throws Exception {
		int webPort = TestPorts.freeBlock(1).low();
		try (ForeignListener firstSession = ForeignListener.on("127.0.0.1", webPort)) {
			start(webPort);
			// a program that is not LocalDB is not announced as one
			awaitScreen("Port " + webPort + " is taken by another program, so this session runs without a web server.");
			assertThat(this.screen.toString()).doesNotContain("APPLICATION FAILED TO START", "Another LocalDB session");
			type("ports");
			awaitScreen("Total allocations: 0");
			type("exit");
			assertThat(this.session.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(this.session.exitValue()).isZero();
		}
	}

	/** ./localdb with no arguments: the client makes sure a daemon runs, the shell leaves the web port to it. */
	@Test
	void theShellThroughTheClientLeavesTheWebServerAndCleanupToTheDaemon() throws Exception {
		int webPort = TestPorts.freeBlock(1).low();
		try (DaemonHome daemon = new DaemonHome(this.home)) {
			start(webPort, LocalDbClient.class);
			awaitScreen("The LocalDB daemon serves http://127.0.0.1:" + webPort + "/actuator/ports");
			assertThat(daemon.daemons()).hasSize(1);
			type("ports");
			awaitScreen("Total allocations: 0");
			type("daemon status");
			awaitScreen("socket:  " + this.home.resolve("runtime/daemon.sock"));
			type("exit");
			assertThat(this.session.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
			// the daemon stays for the next command
			assertThat(daemon.daemons()).hasSize(1);
		}
	}

	/**
	 * Ctrl-C cancels the command that runs, as in the one-shot CLI, and the shell stays: a start
	 * whose server is slow to listen is undone, a followed log stops, the next command runs.
	 */
	@Test
	void ctrlCCancelsTheRunningCommandAndTheShellStays() throws Exception {
		start(TestPorts.freeBlock(1).low());
		awaitScreen("Allocations over HTTP");
		// the shell computes the line, so the typed command does not contain what the log shows
		type("start slow --no-browser --command 'echo slow-$((6*7)); exec sleep 30'");
		Path serverJson = this.home.resolve("runtime/slow/.studio/server.json");
		await().atMost(PATIENCE).until(() -> Files.exists(serverJson));
		interrupt();
		awaitScreen("Error: Cancelled: the start of 'slow' was stopped, its server ended and port");
		assertThat(serverJson).doesNotExist();
		type("list");
		awaitScreen("PROJECT");
		assertThat(this.screen.toString()).containsPattern("slow +stopped");

		type("logs slow -f");
		awaitScreen("slow-42");
		int prompts = count(PROMPT);
		interrupt();
		awaitScreen(PROMPT, prompts + 1);
		// the prompt is back: the next command runs, and a start is not cancelled by the last Ctrl-C
		type("start quick --no-browser --command 'eval \"$TEST_SERVER\"'");
		awaitScreen("quick started on port");
		type("list");
		awaitScreen("PROJECT", 2);
		assertThat(this.screen.toString()).contains("quick").doesNotContain("Exception");
		prompts = count(PROMPT);
		type("stop quick");
		awaitScreen("quick stopped");
		// at the prompt (once it is back), Ctrl-C drops what was typed; Ctrl-D on an empty line leaves
		awaitScreen(PROMPT, prompts + 1);
		typeWithoutEnter("por");
		interrupt();
		awaitScreen(PROMPT, prompts + 2);
		// JLine may drop the first key typed right after a Ctrl-C at the prompt (no person is that
		// quick): a leading blank, which the shell trims, is what it drops
		type(" ports");
		awaitScreen("Total allocations: 0");
		assertThat(this.screen.toString()).doesNotContain("porports", "'por'", "'orts'");
		typeWithoutEnter("\u0004");
		assertThat(this.session.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.session.exitValue()).isZero();
	}

	/**
	 * Ctrl-C pressed just as a command ends (after it returned, before the next prompt) must not end
	 * the session: outside readLine JLine's handler is the JVM's default, which killed it.
	 */
	@Test
	void ctrlCBetweenCommandsNeverEndsTheSession() throws Exception {
		start(TestPorts.freeBlock(1).low());
		awaitScreen("Allocations over HTTP");
		for (int i = 0; i < 40; i++) {
			typeWithoutEnter("ports\r\u0003");
		}
		type(" ports");
		type("exit");
		assertThat(this.session.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.session.exitValue()).as("the screen: %s", this.screen).isZero();
	}

	private void start(int webPort) throws IOException {
		start(webPort, LocalDbApplication.class);
	}

	private void start(int webPort, Class<?> main) throws IOException {
		StringBuilder command = new StringBuilder();
		command.append(Path.of(System.getProperty("java.home"), "bin", "java"))
			.append(" -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -Dserver.port=")
			.append(webPort);
		TestPorts.systemProperties(this.ranges).forEach(property -> command.append(' ').append(property));
		command.append(" -cp ").append(System.getProperty("java.class.path"));
		command.append(' ').append(main.getName());
		Path script = this.home.resolve("session.sh");
		Files.writeString(script, "#!/bin/sh\nexec " + command + "\n");
		script.toFile().setExecutable(true);
		// script runs its command with $SHELL -c, or sh -c where SHELL is unset (as on CI): dash then
		// stays as the session's parent and dies of the first Ctrl-C, ending script with 130; exec
		// makes the session the terminal's only process, as in a user's terminal
		ProcessBuilder builder = new ProcessBuilder("script", "-qfec", "exec " + script, "/dev/null");
		builder.environment().put("LOCALDB_HOME", this.home.toString());
		builder.environment().put("TERM", "xterm");
		builder.environment().put("TEST_SERVER", TestServer.command());
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

	/** A second interactive session on the same home; it exits when its input ends. */
	private Process startSecondSession(int webPort) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-Dserver.port=" + webPort));
		command.addAll(TestPorts.systemProperties(this.ranges));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalDbApplication.class.getName()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("LOCALDB_HOME", this.home.toString());
		builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		Process second = builder.start();
		this.others.add(second);
		return second;
	}

	private void type(String line) throws IOException {
		OutputStream input = this.session.getOutputStream();
		input.write((line + "\r").getBytes(StandardCharsets.UTF_8));
		input.flush();
	}

	private void awaitScreen(String text) {
		awaitScreen(text, 1);
	}

	/** Waits until the text is on the screen {@code times} times. */
	private void awaitScreen(String text, int times) {
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(count(text)).as("the screen so far: %s", this.screen)
				.isGreaterThanOrEqualTo(times));
	}

	private void typeWithoutEnter(String keys) throws IOException {
		OutputStream input = this.session.getOutputStream();
		input.write(keys.getBytes(StandardCharsets.UTF_8));
		input.flush();
	}

	/** Ctrl-C on the terminal: the pty sends SIGINT to the shell. */
	private void interrupt() throws IOException {
		OutputStream input = this.session.getOutputStream();
		input.write(3);
		input.flush();
	}

	private int count(String text) {
		String shown = this.screen.toString();
		int found = 0;
		for (int at = shown.indexOf(text); at >= 0; at = shown.indexOf(text, at + 1)) {
			found++;
		}
		return found;
	}

}
