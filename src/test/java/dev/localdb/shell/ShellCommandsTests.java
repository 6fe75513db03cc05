package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.shell.jline.CommandCompleter;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.shell.test.autoconfigure.ShellTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import dev.localdb.finder.PortRanges;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.project.ProjectService;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.support.LocalDbTestProperties;
import dev.localdb.support.TestPorts;

/** Every command through Spring Shell, as the shell and one-shot runs execute it. */
@ShellTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "localdb.cleanup.scheduled=false", "logging.file.name=" })
class ShellCommandsTests {

	@TempDir
	static Path home;

	static final PortRanges RANGES = TestPorts.ranges(10, 5, 5);

	static final Instant NOW = Instant.parse("2026-02-05T10:35:00Z");

	@DynamicPropertySource
	static void localdb(DynamicPropertyRegistry properties) {
		LocalDbTestProperties.register(properties, home, RANGES);
	}

	@TestConfiguration
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@Autowired
	ShellTestClient client;

	@Autowired
	CommandLine commandLine;

	@Autowired
	CommandCompleter completer;

	@Autowired
	RuntimePaths paths;

	@Autowired
	RegistryService registry;

	@Autowired
	ProjectService projects;

	@BeforeEach
	@AfterEach
	void emptyRuntime() throws IOException {
		for (ProjectName project : this.registry.allocations().keySet()) {
			this.projects.running(project)
				.ifPresent(info -> new ProcessTable().terminate(info.process(), Duration.ofSeconds(2)));
		}
		FileSystemUtils.deleteRecursively(this.paths.runtime());
		this.paths.ensureRuntime();
	}

	@Test
	void portsShowsTheSeedsLayoutLineByLine() throws Exception {
		ProcessIdentity self = new ProcessTable().self();
		Files.writeString(this.paths.registryFile(), """
				{"ports": {
				  "diary":    {"port": 3000, "allocated_at": 1770287400000, "pid": %1$d, "process_start": "%2$s"},
				  "todo-app": {"port": 3001, "allocated_at": 1770287460000, "pid": %1$d, "process_start": "%2$s"},
				  "blog":     {"port": 3002, "allocated_at": 1770287520000, "pid": %1$d, "process_start": "%2$s"}},
				 "last_cleanup": 1770287400000}""".formatted(self.pid(), self.start()));
		// live allocations: each has its server.json, and its server (this JVM) runs
		int port = 3000;
		for (String project : List.of("diary", "todo-app", "blog")) {
			Files.createDirectories(this.paths.studioDir(ProjectName.of(project)));
			Files.writeString(this.paths.serverJson(ProjectName.of(project)), """
					{"pid": %d, "port": %d, "started_at": "2026-02-05T10:30:00Z", "process_start": "%s", "host": "127.0.0.1"}"""
				.formatted(self.pid(), port++, self.start()));
		}

		List<String> lines = this.client.sendCommand("ports").lines();
		for (String project : List.of("diary", "todo-app", "blog")) {
			// the "server" is this JVM: forget it before the clean-up stops every running server
			Files.delete(this.paths.serverJson(ProjectName.of(project)));
		}

		long pid = self.pid();
		assertThat(lines).containsExactly(
				"📊 LocalDB Port Registry Status",
				"",
				"  Total allocations: 3",
				"",
				"  Project              Port    Allocated At              PID",
				"  ─────────────────────────────────────────────────────────────",
				"  blog                 3002    2/5/2026, 10:32:00 AM     " + pid,
				"  diary                3000    2/5/2026, 10:30:00 AM     " + pid,
				"  todo-app             3001    2/5/2026, 10:31:00 AM     " + pid,
				"",
				"  Last cleanup: 2/5/2026, 10:30:00 AM",
				"",
				"  Run with --cleanup to remove stale allocations");
	}

	@Test
	void portsSizesTheNameColumnToTheLongestNameAndMarksStaleRows() throws Exception {
		String longName = "a-project-name-of-sixty-three-characters-the-most-a-name-can-be";
		Files.writeString(this.paths.registryFile(), """
				{"ports": {"%s": {"port": 3000, "allocated_at": 1770287400000, "pid": 1},
				           "short": {"port": 3001, "allocated_at": 1770287400000, "pid": 1}}, "last_cleanup": 0}"""
			.formatted(longName));

		List<String> lines = this.client.sendCommand("ports").lines();

		String header = lines.stream().filter(line -> line.contains("Allocated At")).findFirst().orElseThrow();
		String row = lines.stream().filter(line -> line.contains(longName)).findFirst().orElseThrow();
		String shortRow = lines.stream().filter(line -> line.contains("short")).findFirst().orElseThrow();
		assertThat(row.indexOf("3000")).isEqualTo(header.indexOf("Port")).isEqualTo(shortRow.indexOf("3001"));
		assertThat(row).endsWith("(stale: --cleanup removes it)");
	}

	@Test
	void portsCleanupPrintsTheSeedsTwoLines() throws Exception {
		Files.writeString(this.paths.registryFile(), """
				{"ports": {"old-project": {"port": 3000, "allocated_at": 1, "pid": 999999999},
				           "other": {"port": 3001, "allocated_at": 1, "pid": 999999998}}, "last_cleanup": 0}""");

		assertThat(this.client.sendCommand("ports --cleanup").lines())
			.containsExactly("Cleaning up stale port allocations...", "✓ Cleaned 2 stale allocation(s)");
		assertThat(this.registry.allocations()).isEmpty();
	}

	@Test
	void portsJsonIsForScripts() throws Exception {
		ProcessIdentity self = new ProcessTable().self();
		Files.writeString(this.paths.registryFile(), """
				{"ports": {"diary": {"port": 3000, "allocated_at": 1770287400000, "pid": %d, "process_start": "%s"}},
				 "last_cleanup": 0}""".formatted(self.pid(), self.start()));

		String json = String.join("\n", this.client.sendCommand("ports --json").lines());

		assertThat(json).contains("\"project\" : \"diary\"", "\"port\" : 3000", "\"allocatedAt\" : \"2026-02-05T10:30:00Z\"",
				"\"lastCleanup\" : null");
	}

	@Test
	void portPrintsOnlyTheNumber() throws Exception {
		this.registry.reserve(ProjectName.of("diary"), RANGES.defaultRange().low(), new ProcessTable().self());
		assertThat(this.client.sendCommand("port diary").lines())
			.containsExactly(Integer.toString(RANGES.defaultRange().low()));
	}

	@Test
	void portOfAProjectWithoutOneFailsWithStatusThree() {
		assertThatThrownBy(() -> this.client.sendCommand("port ghost"))
			.satisfies(ex -> assertThat(CommandFailure.of(ex, null).exitCode()).isEqualTo(3))
			.satisfies(ex -> assertThat(CommandFailure.of(ex, null).message()).contains("'ghost' holds no port"));
	}

	@Test
	void startListStopThroughTheShell() throws Exception {
		List<String> started = this.client.sendCommand("start shell-diary --no-browser").lines();
		assertThat(started.get(0)).startsWith("✓ shell-diary started on port ");
		assertThat(started.get(1)).startsWith("  http://").contains("http://127.0.0.1:");

		assertThat(this.client.sendCommand("list").lines()).hasSize(2)
			.first()
			.asString()
			.startsWith("PROJECT");
		assertThat(this.client.sendCommand("list --json").lines()).anySatisfy(line -> assertThat(line)
			.contains("\"state\" : \"running\""));

		assertThat(this.client.sendCommand("stop shell-diary").lines()).singleElement()
			.asString()
			.startsWith("✓ shell-diary stopped (pid ")
			.endsWith(" released");
		assertThat(this.client.sendCommand("forget shell-diary").lines()).singleElement()
			.asString()
			.isEqualTo("✓ shell-diary forgotten: its settings, logs and port released");
		assertThat(this.client.sendCommand("list").lines())
			.containsExactly("No projects yet. Start one with 'localdb start <project>'.");
	}

	@Test
	void aClusterWithANamedPortThroughTheShell() throws Exception {
		try {
			List<String> started = this.client.sendCommand("start shell-api --instances 2 --ports debug --no-browser").lines();
			assertThat(started.get(0)).isEqualTo("✓ shell-api started: 2 instances");
			assertThat(started.get(1)).startsWith("  #1  port ");
			assertThat(started.get(2)).startsWith("  #2  port ");
			assertThat(started.get(3)).startsWith("  ports: debug ").endsWith(" (PORT_DEBUG)");

			List<String> list = this.client.sendCommand("list").lines();
			assertThat(list).hasSize(5);
			assertThat(list.get(1)).matches("shell-api +running +2 instances");
			assertThat(list.get(2)).matches("  #1 +running +\\d+ .*");
			assertThat(list.get(3)).matches("  #2 +running +\\d+ .*");
			assertThat(list.get(4)).startsWith("  ports: debug ");
			assertThat(this.client.sendCommand("list --json").lines()).anySatisfy(line -> assertThat(line)
				.contains("\"instances\" : ["));

			assertThat(this.client.sendCommand("scale shell-api 1").lines()).first()
				.isEqualTo("✓ shell-api scaled from 2 to 1 instance (stopped #2)");
			assertFails("scale shell-api many", 2, "scale takes a number of servers");
			assertFails("scale shell-api 0", 2, "A project runs 1-32 servers");
			assertFails("start shell-other --instances 33", 2, "not 33");
			assertFails("start shell-other --ports Bad", 2, "Invalid port name 'Bad'");
			assertThat(this.registry.read().entries().keySet()).extracting(Object::toString)
				.containsExactly("shell-api", "shell-api:debug");
		}
		finally {
			this.projects.stop(ProjectName.of("shell-api"), Duration.ofSeconds(2));
		}
		assertThat(this.registry.read().entries()).isEmpty();
	}

	@Test
	void logsShowsAClustersInstanceAndSaysWhenThereIsNoSuchInstance() throws Exception {
		Path studio = Files.createDirectories(this.paths.runtime().resolve("shell-web/.studio"));
		Files.writeString(studio.resolve("server.log"), "first instance listening\n");
		Files.writeString(studio.resolve("server-2.log"), "second instance listening\n");

		assertThat(this.client.sendCommand("logs shell-web --instance 2").lines()).containsExactly("second instance listening");
		assertThat(this.client.sendCommand("logs shell-web").lines()).containsExactly("first instance listening");
		assertThat(this.client.sendCommand("logs shell-web --instance 1").lines()).containsExactly("first instance listening");
		assertFails("logs shell-web --instance 3", 3, "Project 'shell-web' has no instance 3", "'localdb list'");
		assertFails("logs shell-web --instance 0", 2, "--instance takes an instance number, 1-32, not 0");
		assertFails("logs ghost --instance 2", 3, "LocalDB knows no project 'ghost'");
	}

	@Test
	void listWithNoProjectsSaysHowToStartOne() throws Exception {
		assertThat(this.client.sendCommand("list").lines())
			.containsExactly("No projects yet. Start one with 'localdb start <project>'.");
	}

	@Test
	void badProjectNameIsAUsageError() {
		assertThatThrownBy(() -> this.client.sendCommand("start ../escape"))
			.satisfies(ex -> assertThat(CommandFailure.of(ex, null).exitCode()).isEqualTo(2));
		assertThat(home.resolve("escape")).doesNotExist();
		assertThat(home.getParent().resolve("escape")).doesNotExist();
	}

	@Test
	void helpListsEveryCommandWithAnExample() throws Exception {
		List<String> help = this.client.sendCommand("help").lines();
		for (String command : List.of("start", "stop", "restart", "list", "ports", "port")) {
			assertThat(help).anySatisfy(line -> assertThat(line).startsWith("\t" + command + ": ").contains("e.g."));
		}
		assertThat(this.client.sendCommand("start --help").lines()).anySatisfy(
				line -> assertThat(line).startsWith("Example: localdb start"));
	}

	@Test
	void commandLineMapsEveryFailureToAStatusAndAMessage() {
		assertThat(execute("ports")).isEqualTo(new Outcome(0, ""));
		assertFails("frobnicate", 2, "Unknown command 'frobnicate'");
		assertFails("por", 2, "Did you mean: port, ports?");
		assertFails("ports --clean", 2, "Unknown option '--clean' for 'ports'", "--cleanup");
		assertFails("start diary --port abc", 2, "Invalid value 'abc'");
		assertFails("start diary --port", 2, "'--port' requires a value");
		assertFails("start", 2, "A project name is required");
		assertFails("stop ghost", 3, "'ghost' is not running");
		assertFails("ports extra", 2, "Unexpected argument 'extra': 'ports' takes no arguments");
		assertFails("start api --port -5", 2, "Port -5 is not a TCP port");
		assertFails("help frobnicate", 2, "No help for 'frobnicate'");
		assertFails("start x --host 999.1.1.1", 2, "'999.1.1.1' is not an address of this machine");
		assertFails("start x --command \"unclosed", 2, "Close the quotes");
	}

	@Test
	void doctorExitsOneWhenSomethingNeedsAttentionAndSaysWhatToDo() {
		assertThat(execute("doctor").status()).isZero();
		this.registry.update(r -> r.with(ProjectName.of("gone"), new Allocation(
				RANGES.defaultRange().low(), 1, 1, null, Allocation.State.RUNNING)));
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int status = this.commandLine.execute("doctor", new PrintWriter(out), Invocation.local(new PrintWriter(err)));
		assertThat(status).isEqualTo(1);
		assertThat(out.toString()).startsWith("LocalDB doctor: 1 finding(s) need attention")
			.contains("✗ gone (port " + RANGES.defaultRange().low() + "): stale: no server.json. Run 'localdb ports --cleanup'");
		assertThat(err.toString()).isEqualTo("Error: 1 finding(s) need attention; each says what to do.\n");
	}

	@Test
	void hintsInsideTheShellNameCommandsAsTheyAreTypedThere() {
		StringWriter err = new StringWriter();
		assertThat(this.commandLine.execute("frobnicate", new PrintWriter(new StringWriter()), Invocation.local(new PrintWriter(err)), true))
			.isEqualTo(2);
		assertThat(err.toString()).contains("Run 'help' to list the commands").doesNotContain("'localdb ");
	}

	@Test
	void helpOfACommandIsItsDashDashHelpAndTheListIsStable() {
		for (String command : List.of("start", "stop", "restart", "forget", "logs", "doctor", "list", "ports", "port", "help", "daemon status",
				"daemon stop", "daemon restart")) {
			assertThat(output("help " + command)).as(command).isEqualTo(output(command + " --help")).isNotBlank();
		}
		assertThat(output("help daemon")).contains(output("daemon status --help").strip(),
				output("daemon restart --help").strip());
		String list = output("help");
		assertThat(list).isEqualTo(output("help"));
		assertThat(list.indexOf("\tlist: ")).isLessThan(list.indexOf("\trestart: "));
		assertThat(list.indexOf("\trestart: ")).isLessThan(list.indexOf("\tstart: "));
	}

	private String output(String line) {
		StringWriter out = new StringWriter();
		assertThat(this.commandLine.execute(line, new PrintWriter(out), Invocation.local(new PrintWriter(new StringWriter())))).as(line)
			.isZero();
		return out.toString();
	}

	private void assertFails(String line, int status, String... messages) {
		Outcome outcome = execute(line);
		assertThat(outcome.status()).as(line).isEqualTo(status);
		assertThat(outcome.err()).as(line).contains(messages);
	}

	@Test
	void tabCompletesCommandsProjectNamesAndOptions() throws IOException {
		// two projects that ran before: each has its server's log
		for (String project : List.of("diary", "blog")) {
			Files.createDirectories(this.paths.runtime().resolve(project + "/.studio"));
			Files.writeString(this.paths.runtime().resolve(project + "/.studio/server.log"), "listening\n");
		}
		// diary runs (it holds a port), blog is stopped
		this.registry.reserve(ProjectName.of("diary"), RANGES.defaultRange().low(), new ProcessTable().self());
		assertThat(complete("sto")).contains("stop");
		assertThat(complete("stop di")).containsExactly("diary");
		assertThat(complete("stop ")).containsExactly("diary");
		assertThat(complete("port ")).containsExactly("diary");
		assertThat(complete("start ")).containsExactly("blog", "diary");
		assertThat(complete("restart ")).containsExactly("blog", "diary");
		assertThat(complete("start diary --n")).containsExactly("--no-browser", "--no-port-flag");
		assertThat(complete("start diary --port ")).isEmpty();
	}

	private List<String> complete(String line) {
		List<Candidate> candidates = new ArrayList<>();
		this.completer.complete(null, new DefaultParser().parse(line, line.length()),
				candidates);
		return candidates.stream().map(Candidate::value).toList();
	}

	private Outcome execute(String line) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int status = this.commandLine.execute(line, new PrintWriter(out), Invocation.local(new PrintWriter(err)));
		return new Outcome(status, err.toString());
	}

	record Outcome(int status, String err) {
	}

}
