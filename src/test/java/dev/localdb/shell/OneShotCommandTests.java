package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import dev.localdb.LocalDbApplication;
import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.JavaProcess;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.support.TestServer;

/**
 * {@code localdb <command>} as scripts run it: a real JVM per command, and an exit status to trust.
 * Spring Shell 4.0.1's own non-interactive runner exits 0 whatever happens; these would all fail
 * against it.
 * Each test has its own home, ports and processes, so they run side by side when a worker is free.
 */
@Execution(ExecutionMode.CONCURRENT)
class OneShotCommandTests {

	@TempDir
	Path home;

	final PortRanges ranges = TestPorts.ranges(6, 2, 2);

	@Test
	void exitStatusesScriptsCanTrust() throws Exception {
		// independent commands: run them side by side to keep the suite quick
		CompletableFuture<Result> ports = async("ports");
		CompletableFuture<Result> unknownCommand = async("frobnicate");
		CompletableFuture<Result> unknownOption = async("ports", "--bogus");
		CompletableFuture<Result> badName = async("start", "bad name");
		CompletableFuture<Result> badValue = async("start", "diary", "--port", "abc");
		CompletableFuture<Result> notRunning = async("stop", "ghost");
		CompletableFuture<Result> noPort = async("port", "ghost");
		CompletableFuture<Result> extra = async("port", "diary", "extra");
		CompletableFuture<Result> negativePort = async("start", "api", "--port", "-5");
		CompletableFuture<Result> help = async("--help");
		CompletableFuture<Result> version = async("--version");
		CompletableFuture<Result> helpOfUnknown = async("help", "frobnicate");

		assertThat(ports.get()).satisfies(r -> {
			assertThat(r.exitCode()).isZero();
			assertThat(r.stdout()).startsWith("📊 LocalDB Port Registry Status\n\n  Total allocations: 0\n");
		});
		assertFailure(unknownCommand.get(), 2, "Unknown command 'frobnicate'");
		assertFailure(unknownOption.get(), 2, "Unknown option '--bogus' for 'ports'");
		assertFailure(badName.get(), 2, "Invalid project name 'bad name'");
		assertFailure(badValue.get(), 2, "Invalid value 'abc'");
		assertFailure(notRunning.get(), 3, "'ghost' is not running");
		assertFailure(noPort.get(), 3, "'ghost' holds no port");
		assertFailure(extra.get(), 2, "Unexpected argument 'extra': 'port' takes one argument");
		assertFailure(negativePort.get(), 2, "Port -5 is not a TCP port");
		assertFailure(helpOfUnknown.get(), 2, "No help for 'frobnicate'");
		assertThat(help.get().exitCode()).isZero();
		// the one-shot list: serve, and none of the interactive shell's own commands
		assertThat(help.get().stdout()).contains("\tstart: ", "\tserve: ").doesNotContain("\tclear", "\thistory", "\texit");
		assertThat(version.get().exitCode()).isZero();
		assertThat(version.get().stdout()).contains("0.1.0");
	}

	/**
	 * A server LocalDB may not signal (here a kernel thread, which ignores even SIGKILL, standing in
	 * for another user's process) is one message and its own exit status, never a stack trace; its
	 * files stay.
	 */
	@Test
	void aServerThatSurvivesSigkillExitsSevenWithOneMessage() throws Exception {
		ProcessTable processes = new ProcessTable();
		ProcessIdentity unkillable = kernelThread(processes);
		LocalDbFixture localdb = LocalDbFixture.create(this.home, this.ranges);
		ProjectName project = ProjectName.of("r");
		int port = this.ranges.defaultRange().low();
		localdb.servers().write(project, new ServerInfo(unkillable.pid(), port, Instant.now(),
				unkillable.start(), "127.0.0.1", null));
		localdb.registry().update(r -> r.with(project, Allocation.running(port, 1, unkillable)));

		List<String> options = new ArrayList<>(TestPorts.systemProperties(this.ranges));
		options.add("-Dlocaldb.servers.stop-grace=1s");
		Result result = JavaProcess.run(options, LocalDbApplication.class, List.of("stop", "r"),
				Map.of("LOCALDB_HOME", this.home.toString()));

		assertFailure(result, 7, "Could not stop the server of 'r' (pid " + unkillable.pid() + ")");
		assertThat(result.stderr().lines()).singleElement().asString().startsWith("Error: ");
		assertThat(localdb.servers().exists(project)).isTrue();
		assertThat(localdb.registry().allocations()).containsKey(project);
	}

	/** A kernel thread: ignores every signal, SIGKILL too. kthreadd (pid 2) on a machine's own pid namespace. */
	private static ProcessIdentity kernelThread(ProcessTable processes) throws IOException {
		try (var pids = Files.list(Path.of("/proc"))) {
			for (Path dir : pids.toList()) {
				String name = dir.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					String stat = Files.readString(dir.resolve("stat"));
					long flags = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[6]);
					if ((flags & 0x00200000L) != 0) { // PF_KTHREAD
						return processes.identify(Long.parseLong(name)).orElseThrow();
					}
				}
				catch (IOException | RuntimeException ex) {
					// gone meanwhile
				}
			}
		}
		throw new AssertionError("No kernel thread is visible in /proc (a separate pid namespace?): "
				+ "this test needs a process that survives SIGKILL");
	}

	/** Every argument reaches the command as the user's shell passed it: quotes, backslashes, $, newlines. */
	@Test
	void argumentsReachTheCommandExactlyAndNotesGoToStderr() throws Exception {
		Path marker = this.home.resolve("marker.txt");
		String command = "printf '%s\\n' \"a \\\"quoted\\\" word\" 'back\\slash' 'dollar $PORT' 'ünïcødé' > '" + marker
				+ "'\nprintf '%s\\n' \"$PORT\" >> '" + marker + "'; " + TestServer.command();
		int busy = this.ranges.defaultRange().low();
		try (ForeignListener taken = ForeignListener.on("127.0.0.1", busy)) {
			Result started = run("start", "quoted", "--no-browser", "--port", Integer.toString(busy), "--command", command);
			assertThat(started.exitCode()).as(started.stderr()).isZero();
			// a note is not output: stdout is only the result, the note is on stderr
			assertThat(started.stdout()).startsWith("✓ quoted started on port ");
			assertThat(started.stderr()).contains("! Port " + busy + " is in use by another program; using another port.");
			int port = Integer.parseInt(started.stdout().replaceAll("(?s).*on port (\\d+).*", "$1"));
			assertThat(Files.readAllLines(marker)).containsExactly("a \"quoted\" word", "back\\slash",
					"dollar $PORT", "ünïcødé", Integer.toString(port));
		}
		finally {
			run("stop", "quoted");
		}
	}

	@Test
	void fullRangesExitWithStatusFourAndSaySoOnStderr() throws Exception {
		PortRange only = TestPorts.freeBlock(1);
		List<String> oneFullPort = List.of("-Dlocaldb.ports.default-range=" + only,
				"-Dlocaldb.ports.fallback-range=" + only, "-Dlocaldb.ports.extended-range=" + only);
		try (ForeignListener busy = ForeignListener.on("127.0.0.1", only.low())) {
			Result result = JavaProcess.run(oneFullPort, LocalDbApplication.class, List.of("start", "diary"),
					Map.of("LOCALDB_HOME", this.home.toString()));
			assertFailure(result, 4, "No free port in " + only);
		}
	}

	@Test
	void aBadSettingIsOneReadableLineAndStatusOne() throws Exception {
		Result result = JavaProcess.run(List.of("-Dlocaldb.ports.default-range=3999-3000"), LocalDbApplication.class,
				List.of("ports"), Map.of("LOCALDB_HOME", this.home.toString()));
		assertFailure(result, 1, "Error: The setting localdb.ports.default-range is invalid: the low end 3999 is above "
				+ "the high end 3000. Fix it in $LOCALDB_HOME/application.yml");
		assertThat(result.stderr().lines()).singleElement();
	}

	/** Like other command-line tools, the default home follows HOME as the user's shell has it. */
	@Test
	void theDefaultHomeIsUnderHomeAsTheShellHasIt() throws Exception {
		Path userHome = Files.createDirectories(this.home.resolve("someone"));
		Result result = JavaProcess.run(TestPorts.systemProperties(this.ranges), LocalDbApplication.class, List.of("ports"),
				Map.of("HOME", userHome.toString(), "LOCALDB_HOME", ""));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(userHome.resolve(".localdb/logs")).isDirectory();
	}

	@Test
	void unusableHomeExitsWithStatusSixAndSaysWhatToCheck() throws Exception {
		Path notADirectory = Files.writeString(this.home.resolve("a-file"), "");
		Result result = JavaProcess.run(TestPorts.systemProperties(this.ranges), LocalDbApplication.class,
				List.of("start", "diary"), Map.of("LOCALDB_HOME", notADirectory.resolve("home").toString()));
		assertFailure(result, 6, "Check that LOCALDB_HOME points to a directory you can write");
	}

	@Test
	void cliExitsAndTheServerKeepsRunningThenStopEndsIt() throws Exception {
		Result started = run("start", "diary", "--no-browser");
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		assertThat(started.stdout()).startsWith("✓ diary started on port ");

		Result port = run("port", "diary");
		assertThat(port.exitCode()).isZero();
		int number = Integer.parseInt(port.stdout().trim());
		// the CLI that started it has exited; the server still answers
		assertThat(new PortProbe().accepts("127.0.0.1", number, Duration.ofSeconds(2))).isTrue();

		Result stopped = run("stop", "diary");
		assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
		assertThat(new PortProbe().isFree(number)).isTrue();
	}

	/** The seed's "Test Concurrent Starts": three terminals at the same time. */
	@Test
	void threeTerminalsStartingAtOnceGetUniquePorts() throws Exception {
		List<CompletableFuture<Result>> starts = new ArrayList<>();
		for (String project : List.of("project-a", "project-b", "project-c")) {
			starts.add(async("start", project, "--no-browser"));
		}
		List<Integer> ports = new ArrayList<>();
		for (CompletableFuture<Result> start : starts) {
			Result result = start.get();
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			ports.add(Integer.parseInt(result.stdout().replaceAll("(?s).*on port (\\d+).*", "$1")));
		}
		assertThat(ports).doesNotHaveDuplicates();
		Result list = run("ports");
		assertThat(list.stdout()).contains("Total allocations: 3", "project-a", "project-b", "project-c");
		List<CompletableFuture<Result>> stops = new ArrayList<>();
		for (String project : List.of("project-a", "project-b", "project-c")) {
			stops.add(async("stop", project));
		}
		for (CompletableFuture<Result> stop : stops) {
			assertThat(stop.get().exitCode()).as(stop.get().stderr()).isZero();
		}
	}

	private void assertFailure(Result result, int status, String message) {
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(status);
		assertThat(result.stderr()).contains(message);
		assertThat(result.stdout()).isEmpty();
	}

	private Result run(String... args) throws Exception {
		return JavaProcess.run(TestPorts.systemProperties(this.ranges), LocalDbApplication.class, List.of(args),
				Map.of("LOCALDB_HOME", this.home.toString()));
	}

	private CompletableFuture<Result> async(String... args) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return run(args);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
