package dev.localdb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
		assertThat(result.stderr()).contains("replacing the running daemon: it was started from another build");
		assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("the old daemon exits").isTrue();
		assertThat(this.localdb.daemonPid()).isPresent().isNotEqualTo(Optional.of(old));
	}

	@Test
	void aDaemonWithOtherSettingsIsReplaced() throws Exception {
		assertThat(this.localdb.run("ports").exitCode()).isZero();
		long old = this.localdb.daemonPid().orElseThrow();

		Result result = this.localdb.run(Map.of("LOCALDB_CLEANUP_START_GRACE", "3m"), "ports");

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stderr()).contains("replacing the running daemon: it was started with other settings");
		assertThat(this.localdb.daemonPid()).isPresent().isNotEqualTo(Optional.of(old));
		assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false)).isFalse();
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
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
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
		Result started = this.localdb.run("start", "chatty", "--no-browser", "--command",
				"echo hello-from-chatty; " + TestServer.command());
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		Result logs = this.localdb.run("logs", "chatty", "-n", "5");
		assertThat(logs.exitCode()).isZero();
		assertThat(logs.stdout()).contains("hello-from-chatty");

		Process follow = this.localdb.start(Map.of(), "logs", "chatty", "-f", "-n", "0");
		Thread.sleep(1500);
		Files.writeString(this.home.resolve("runtime/chatty/.studio/server.log"), "later-line\n",
				java.nio.file.StandardOpenOption.APPEND);
		Thread.sleep(1000);
		new ProcessBuilder("kill", "-INT", Long.toString(follow.pid())).start().waitFor();
		Result followed = finish(follow);
		assertThat(followed.exitCode()).as(followed.stderr()).isZero();
		assertThat(followed.stdout()).isEqualTo("later-line\n");
		assertThat(this.localdb.run("stop", "chatty").exitCode()).isZero();
	}

	@Test
	void theDaemonChecksHealthAndShowsItInListAndTheActuator() throws Exception {
		this.localdb.with("-Dlocaldb.health.interval=200ms");
		assertThat(this.localdb.run("start", "fine", "--no-browser").exitCode()).isZero();
		assertThat(this.localdb.run("start", "failing", "--no-browser", "--command", dev.localdb.support.ErrorServer.command())
			.exitCode()).isZero();
		String health = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!health.contains("\"failing\"") && System.nanoTime() < deadline) {
			Thread.sleep(200);
			health = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.localdb.webPort() + "/actuator/health"))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
				.body();
		}
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
		Thread.sleep(2500);
		assertThat(ProcessHandle.of(daemon).map(ProcessHandle::isAlive)).contains(true);
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

	private static String read(java.io.InputStream in) {
		try {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
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

	private void awaitDaemon() throws InterruptedException {
		awaitFile(this.home.resolve("runtime/daemon.properties"));
	}

	private static void awaitFile(Path file) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(file) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(file).exists();
	}

	private static void assertStatus(Result result, int status, String message) {
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(status);
		assertThat(result.stderr()).contains(message);
	}

	private static String mode(Path path) throws java.io.IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
