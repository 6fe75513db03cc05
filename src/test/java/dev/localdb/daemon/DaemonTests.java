package dev.localdb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.LocalDbApplication;
import dev.localdb.client.LocalDbClient;
import dev.localdb.support.DaemonHome;
import dev.localdb.support.ErrorServer;
import dev.localdb.support.JavaProcess;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.TestServer;

/** The client and the daemon as real processes on a temporary home; every daemon is stopped after. */
class DaemonTests {

	@TempDir
	Path home;

	DaemonHome localdb;

	@BeforeEach
	void setUp() {
		this.localdb = new DaemonHome(this.home);
	}

	@AfterEach
	void stopEverything() {
		this.localdb.close();
	}

	@Test
	void theFirstCommandStartsADaemonThatServesTheNext() throws Exception {
		Result first = this.localdb.run("ports");
		assertThat(first.exitCode()).as(first.stderr()).isZero();
		assertThat(first.stdout()).startsWith("📊 LocalDB Port Registry Status");
		assertThat(first.stderr()).contains("localdb: started the LocalDB daemon (pid ");
		long pid = this.localdb.daemonPid().orElseThrow();
		assertThat(mode(this.home.resolve("runtime/daemon.sock"))).isEqualTo("rw-------");

		Result second = this.localdb.run("port", "ghost");
		assertThat(second.exitCode()).isEqualTo(3);
		assertThat(second.stderr()).isEqualTo("Error: Project 'ghost' holds no port. Start it with 'localdb start ghost'.\n");
		assertThat(this.localdb.daemonPid()).contains(pid);

		Result status = this.localdb.run("daemon", "status");
		assertThat(status.stdout()).contains("pid " + pid, "socket:  " + this.home.resolve("runtime/daemon.sock"),
				"web:     http://127.0.0.1:" + this.localdb.webPort() + "/");
	}

	/** A Unix socket path is limited to about 107 bytes: a deep home gets a short socket path. */
	@Test
	void aDeepHomeGetsAShortSocketPathAndSaysSo() throws Exception {
		Path deep = Files.createDirectories(this.home.resolve("a-rather-long-directory-name-".repeat(3)).resolve("home"));
		assertThat(deep.resolve("runtime/daemon.sock").toString().length()).isGreaterThan(107);
		try (DaemonHome deepHome = new DaemonHome(deep)) {
			Result result = deepHome.run("ports");
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.stderr()).contains("LOCALDB_HOME is too deep for a Unix socket path; the daemon listens on /tmp/localdb-");
			assertThat(deepHome.run("port", "ghost").exitCode()).isEqualTo(3);
			assertThat(deepHome.daemons()).hasSize(1);
			assertThat(deepHome.run("daemon", "stop").exitCode()).isZero();
		}
	}

	@Test
	void clientsFindingNoDaemonAtOnceStartExactlyOne() throws Exception {
		List<CompletableFuture<Result>> clients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			clients.add(CompletableFuture.supplyAsync(() -> run("ports")));
		}
		int started = 0;
		for (CompletableFuture<Result> client : clients) {
			Result result = client.get(120, TimeUnit.SECONDS);
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			started += result.stderr().contains("started the LocalDB daemon") ? 1 : 0;
		}
		assertThat(started).isEqualTo(1);
		assertThat(this.localdb.daemons()).hasSize(1);
	}

	@Test
	void aDaemonOfAnotherBuildIsReplaced() throws Exception {
		Process other = JavaProcess.start(withOptions("-Dlocaldb.daemon.fingerprint=0ther0build0/000000000000"),
				LocalDbApplication.class, List.of("serve"), this.localdb.environment(Map.of()));
		awaitDaemon();
		long old = this.localdb.daemonPid().orElseThrow();

		Result result = this.localdb.run("ports");

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stderr()).contains("replacing the running daemon (pid " + old + "): it was started from another build");
		assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("the old daemon exits").isTrue();
		assertThat(this.localdb.daemonPid()).isPresent().isNotEqualTo(Optional.of(old));
	}

	@Test
	void oneTerminalsOtherSettingsGetANoteAndTheCommandRunsInTheSharedDaemon() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		long daemon = this.localdb.daemonPid().orElseThrow();

		Result result = this.localdb.run(Map.of("LOCALDB_CLEANUP_START_GRACE", "3m"), "ports");

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stderr()).isEqualTo("localdb: the LocalDB daemon (pid " + daemon + ") runs with other settings "
				+ "than this terminal's (-D options in JAVA_OPTS, LOCALDB_*, SERVER_*, SPRING_* variables); this command "
				+ "runs with the daemon's. To apply yours, run 'localdb daemon restart' with them set.\n");
		assertThat(this.localdb.daemonPid()).contains(daemon);
		assertThat(this.localdb.run("ports").stderr()).as("the next plain command").isEmpty();
		assertThat(this.localdb.daemonPid()).contains(daemon);
	}

	@Test
	void aTypoInOneTerminalsSettingsDoesNotStopTheSharedDaemon() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		long daemon = this.localdb.daemonPid().orElseThrow();

		Result result = this.localdb.run(Map.of("LOCALDB_DAEMON_IDLETIMEOUT", "0s"), "ports");

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stderr()).contains("runs with other settings");
		assertThat(this.localdb.daemonPid()).contains(daemon);
	}

	@Test
	void aBadSettingWithDaemonRestartIsAnErrorAndTheRunningDaemonStays() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		long daemon = this.localdb.daemonPid().orElseThrow();

		Result result = this.localdb.run(Map.of("LOCALDB_DAEMON_IDLETIMEOUT", "0s"), "daemon", "restart");

		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).startsWith("Error: The LocalDB daemon could not start: ")
			.contains("localdb.daemon.idle-timeout must be a positive duration");
		assertThat(result.stderr().lines()).hasSize(1);
		assertThat(this.localdb.daemonPid()).contains(daemon);
		assertThat(ProcessHandle.of(daemon).map(ProcessHandle::isAlive)).contains(true);
		Result next = this.localdb.run("ports");
		assertThat(next.exitCode()).as(next.stderr()).isZero();
		assertThat(this.localdb.daemonPid()).contains(daemon);
	}

	@Test
	void aChangedApplicationYmlReplacesTheDaemon() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		long old = this.localdb.daemonPid().orElseThrow();
		Files.writeString(this.home.resolve("application.yml"), "localdb:\n  cleanup:\n    start-grace: 3m\n");

		Result result = this.localdb.run("ports");

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stderr()).contains("localdb: replacing the running daemon (pid " + old
				+ "): $LOCALDB_HOME/application.yml changed since it started.");
		assertThat(this.localdb.daemonPid()).isPresent().isNotEqualTo(Optional.of(old));
		await().atMost(Duration.ofSeconds(30)).until(() -> !ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false));
	}

	@Test
	void aStaleSocketOfAKilledDaemonIsReplaced() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		ProcessHandle daemon = ProcessHandle.of(this.localdb.daemonPid().orElseThrow()).orElseThrow();
		daemon.destroyForcibly(); // SIGKILL: the socket file stays behind
		daemon.onExit().get(10, TimeUnit.SECONDS);
		assertThat(this.home.resolve("runtime/daemon.sock")).exists();

		Result result = this.localdb.run("port", "ghost");

		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("started the LocalDB daemon");
		assertThat(this.localdb.daemonPid()).isPresent().isNotEqualTo(Optional.of(daemon.pid()));
	}

	@Test
	void theCommandRunsInTheClientsDirectoryWithItsEnvironment() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		Path project = Files.createDirectories(this.home.resolve("my app"));
		Path marker = this.home.resolve("marker.txt");
		ProcessBuilder builder = new ProcessBuilder(clientCommand("start", "ctx", "--no-browser", "--command",
				"printf '%s|%s\\n' \"$(pwd)\" \"$CLIENT_ONLY\" > '" + marker + "'; " + TestServer.command()))
			.directory(project.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().putAll(this.localdb.environment(Map.of("CLIENT_ONLY", "from the client")));

		Result result = finish(builder.start());

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(Files.readString(marker).trim()).isEqualTo(project + "|from the client");
		assertThat(this.localdb.run("stop", "ctx").exitCode()).isZero();
	}

	@Test
	void exitStatusesAreTheSameThroughTheDaemon() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		assertStatus(this.localdb.run("frobnicate"), 2, "Error: Unknown command 'frobnicate'.");
		assertStatus(this.localdb.run("start", "bad name"), 2, "Invalid project name 'bad name'");
		assertStatus(this.localdb.run("ports", "extra"), 2, "Unexpected argument 'extra'");
		assertStatus(this.localdb.run("stop", "ghost"), 3, "'ghost' is not running");
		assertStatus(this.localdb.run("start", "broken", "--no-browser", "--command", "echo boom; exit 3"), 5,
				"failed to start: the server exited with status 3");
		assertStatus(this.localdb.run("daemon", "frobnicate"), 2, "Unknown command 'daemon frobnicate'");
		// help through the daemon lists what works here: no shell-only commands
		Result help = this.localdb.run("help");
		assertThat(help.stdout()).contains("\tdaemon status: ", "\tserve: ").doesNotContain("\tclear", "\thistory");
	}

	@Test
	void aDaemonThatCannotStartSaysWhyInOneLine() throws Exception {
		this.localdb.with("-Dlocaldb.ports.default-range=3999-3000");
		Result result = this.localdb.run("ports");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("Error: The LocalDB daemon could not start: The setting "
				+ "localdb.ports.default-range is invalid: the low end 3999 is above the high end 3000");
	}

	@Test
	void commandsThroughTheDaemonAndInProcessShareOneRegistry() throws Exception {
		Result viaDaemon = this.localdb.run("start", "one", "--no-browser");
		assertThat(viaDaemon.exitCode()).as(viaDaemon.stderr()).isZero();
		Result inProcess = this.localdb.run("--no-daemon", "start", "two", "--no-browser");
		assertThat(inProcess.exitCode()).as(inProcess.stderr()).isZero();
		Result alsoInProcess = this.localdb.run(Map.of("LOCALDB_DAEMON", "0"), "ports");

		assertThat(alsoInProcess.stdout()).contains("Total allocations: 2", "one", "two");
		assertThat(this.localdb.run("stop", "two").exitCode()).isZero();
		assertThat(this.localdb.run("--no-daemon", "stop", "one").exitCode()).isZero();
		assertThat(this.localdb.run("ports").stdout()).contains("Total allocations: 0");
	}

	/** A corrupt registry the daemon found and rebuilt is told to the user of that command, not only to daemon.log. */
	@Test
	void aCorruptRegistryFoundByTheDaemonIsToldToTheUser() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		Files.writeString(this.home.resolve("runtime/.port-registry.json"), "{\"ports\": {\"half");
		Result ports = this.localdb.run("ports");

		assertThat(ports.exitCode()).as(ports.stderr()).isZero();
		assertThat(ports.stdout()).contains("Total allocations: 0");
		assertThat(ports.stderr()).contains("! The port registry was corrupt", ".port-registry.json.corrupt-",
				"rebuilt with 0 allocation(s)");
		assertThat(this.localdb.run("ports").stderr()).doesNotContain("corrupt");
	}

	@Test
	void ctrlCDuringASlowStartStopsTheServerAndReleasesThePort() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		Process client = this.localdb.start(Map.of(), "start", "slow", "--no-browser", "--command", "exec sleep 60");
		Path serverJson = this.home.resolve("runtime/slow/.studio/server.json");
		awaitFile(serverJson);
		new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();

		Result result = finish(client);
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(130);
		assertThat(result.stderr().lines()).singleElement().asString().startsWith("Error: Cancelled: the start of 'slow'");
		assertThat(serverJson).doesNotExist();
		assertThat(this.localdb.run("ports").stdout()).contains("Total allocations: 0");
	}

	@Test
	void ctrlCInProcessUndoesTheStartToo() throws Exception {
		Process client = this.localdb.start(Map.of(), "--no-daemon", "start", "slow", "--no-browser", "--command",
				"exec sleep 60");
		Path serverJson = this.home.resolve("runtime/slow/.studio/server.json");
		awaitFile(serverJson);
		new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();

		Result result = finish(client);
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(130);
		assertThat(result.stderr()).contains("Cancelled: the start of 'slow'");
		assertThat(serverJson).doesNotExist();
		assertThat(this.localdb.run("--no-daemon", "ports").stdout()).contains("Total allocations: 0");
	}

	@Test
	void aDaemonKilledInTheMiddleOfAStartLeavesAWholeRegistryAndTheNextCommandWorks() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		long daemon = this.localdb.daemonPid().orElseThrow();
		Process client = this.localdb.start(Map.of(), "start", "halfway", "--no-browser", "--command", "exec sleep 60");
		awaitFile(this.home.resolve("runtime/halfway/.studio/server.json"));
		new ProcessBuilder("kill", "-9", Long.toString(daemon)).start().waitFor();

		Result result = finish(client);
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stderr()).contains("the daemon died during the command", "daemon.log");
		// the next command starts a new daemon and reads a whole registry
		Result ports = this.localdb.run("ports", "--json");
		assertThat(ports.exitCode()).as(ports.stderr()).isZero();
		assertThat(this.localdb.run("stop", "halfway").exitCode()).isIn(0, 3);
		Result cleaned = this.localdb.run("ports", "--cleanup");
		assertThat(cleaned.exitCode()).isZero();
		assertThat(this.localdb.run("ports", "--json").stdout()).doesNotContain("halfway");
	}

	@Test
	void logsThroughTheDaemonAndFollowUntilCtrlC() throws Exception {
		this.localdb.with("-Dlocaldb.client.patience-seconds=4");
		Result started = this.localdb.run("start", "chatty", "--no-browser", "--command",
				"echo hello-from-chatty; " + TestServer.command());
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		Result logs = this.localdb.run("logs", "chatty", "-n", "5");
		assertThat(logs.exitCode()).isZero();
		assertThat(logs.stdout()).contains("hello-from-chatty");

		Process follow = this.localdb.start(Map.of(), "logs", "chatty", "-f", "-n", "0");
		StringBuffer seen = new StringBuffer();
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> copy(follow.getInputStream(), seen));
		CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(follow.getErrorStream()));
		// longer than the client's patience (4 s here): the daemon's heartbeats keep a quiet follow alive
		await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			Files.writeString(this.home.resolve("runtime/chatty/.studio/server.log"), "later-line\n", StandardOpenOption.APPEND);
			return seen.toString().contains("later-line\n");
		});
		new ProcessBuilder("kill", "-INT", Long.toString(follow.pid())).start().waitFor();
		assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();
		reading.join();
		assertThat(follow.exitValue()).as(errors.join()).isZero();
		assertThat(seen.toString()).startsWith("later-line\n");
		assertThat(this.localdb.run("stop", "chatty").exitCode()).isZero();
	}

	@Test
	void theDaemonChecksHealthAndShowsItInListAndTheActuator() throws Exception {
		this.localdb.with("-Dlocaldb.health.interval=200ms");
		assertThat(this.localdb.run("start", "fine", "--no-browser").exitCode()).isZero();
		assertThat(this.localdb.run("start", "failing", "--no-browser", "--command", ErrorServer.command())
			.exitCode()).isZero();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.localdb.webPort() + "/actuator/health"))
			.build();
		String health = await().atMost(Duration.ofSeconds(30))
			.until(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body(),
					body -> body.contains("\"failing\""));
		// LocalDB itself stays UP while a user's server is down; the ones down are in the details
		assertThat(health).startsWith("{").contains("\"projects\":{\"details\":{\"up\":1,\"down\":{\"failing\":\"DOWN since ")
			.contains("GET /: HTTP 500").endsWith("\"status\":\"UP\"}");
		String list = this.localdb.run("list").stdout();
		assertThat(list.lines().filter(line -> line.startsWith("fine "))).singleElement().asString().contains(" up ");
		assertThat(list.lines().filter(line -> line.startsWith("failing "))).singleElement().asString().contains(" down ");
		assertThat(this.localdb.run("stop", "fine").exitCode()).isZero();
		assertThat(this.localdb.run("stop", "failing").exitCode()).isZero();
	}

	@Test
	void anIdleDaemonWithNoProjectExitsByItself() throws Exception {
		this.localdb.with("-Dlocaldb.daemon.idle-timeout=1s", "-Dlocaldb.daemon.idle-check=200ms");
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		ProcessHandle daemon = ProcessHandle.of(this.localdb.daemonPid().orElseThrow()).orElseThrow();
		daemon.onExit().get(30, TimeUnit.SECONDS);
		assertThat(this.home.resolve("runtime/daemon.sock")).doesNotExist();
		assertThat(this.home.resolve("runtime/daemon.properties")).doesNotExist();
	}

	@Test
	void aDaemonStaysWhileAProjectRuns() throws Exception {
		this.localdb.with("-Dlocaldb.daemon.idle-timeout=1s", "-Dlocaldb.daemon.idle-check=200ms");
		assertThat(this.localdb.run("start", "keep", "--no-browser").exitCode()).isZero();
		long daemon = this.localdb.daemonPid().orElseThrow();
		// more than the idle timeout, checked every 200 ms
		await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
			.until(() -> ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false));
		assertThat(this.localdb.run("stop", "keep").exitCode()).isZero();
	}

	@Test
	void daemonStopAndRestart() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		long first = this.localdb.daemonPid().orElseThrow();
		Result restarted = this.localdb.run("daemon", "restart");
		assertThat(restarted.exitCode()).as(restarted.stderr()).isZero();
		long second = this.localdb.daemonPid().orElseThrow();
		assertThat(second).isNotEqualTo(first);
		// a second daemon for the same home is refused, in one line
		Result another = JavaProcess.run(withOptions(), LocalDbApplication.class, List.of("serve"),
				this.localdb.environment(Map.of()));
		assertThat(another.exitCode()).isEqualTo(1);
		assertThat(another.stderr()).contains("Error: A LocalDB daemon already runs for " + this.home + " (pid " + second + ")");
		Result stopped = this.localdb.run("daemon", "stop");
		assertThat(stopped.stdout()).contains("LocalDB daemon stopped (pid " + second + ")");
		Result status = this.localdb.run("daemon", "status");
		assertThat(status.exitCode()).isEqualTo(3);
		assertThat(status.stdout()).contains("No LocalDB daemon runs");
	}

	private List<String> clientCommand(String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(this.localdb.jvmOptions());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalDbClient.class.getName()));
		command.addAll(List.of(args));
		return command;
	}

	private static Result finish(Process process) throws Exception {
		CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
		String out = read(process.getInputStream());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), out, err.get());
	}

	private static String read(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private Result run(String... args) {
		try {
			return this.localdb.run(args);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> withOptions(String... options) {
		List<String> all = new ArrayList<>(this.localdb.jvmOptions());
		all.addAll(List.of(options));
		all.add("-Dlocaldb.home=" + this.home);
		return all;
	}

	private void awaitDaemon() {
		awaitFile(this.home.resolve("runtime/daemon.properties"));
	}

	private static void awaitFile(Path file) {
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file));
	}

	private static void copy(InputStream in, StringBuffer into) {
		byte[] buffer = new byte[4096];
		try {
			for (int read; (read = in.read(buffer)) >= 0;) {
				into.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	private static void assertStatus(Result result, int status, String message) {
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(status);
		assertThat(result.stderr()).contains(message);
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
