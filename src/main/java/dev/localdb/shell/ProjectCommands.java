package dev.localdb.shell;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.os.BrowserOpener;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectService;
import dev.localdb.project.ProjectStatus;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.project.StartResult;
import dev.localdb.project.StopResult;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RestartPolicy;

/** The seed's project flows: {@code start}, {@code stop}, {@code restart} and {@code list}. */
@Component
class ProjectCommands {

	private final ProjectService projects;

	private final ProjectCatalog catalog;

	private final BrowserOpener browser;

	private final JsonMapper json;

	ProjectCommands(ProjectService projects, ProjectCatalog catalog, BrowserOpener browser, JsonMapper json) {
		this.projects = projects;
		this.catalog = catalog;
		this.browser = browser;
		this.json = json;
	}

	@Command(name = "start", group = "Projects",
			description = "Start a project's server on a free port (e.g. 'start diary', 'start api --port 3005')",
			completionProvider = "projectNames", help = """
					start <project> [--port N] [--command CMD] [--host ADDR] [--health http|tcp] [--health-path PATH] [--restart always|on-failure|no] [--no-port-flag] [--env KEY=VALUE]... [--env-file PATH] [--no-browser]
					  Finds and reserves a free port, starts the project's server detached (LocalDB Studio,
					  or CMD through sh -c with PORT and PROJECT_NAME set), waits until it accepts
					  connections and records it in server.json. A running project just shows its URL.
					  --port N       try this port first; if busy, another is found
					  --command CMD  run this dev server instead of LocalDB Studio
					  --host ADDR    listen address (default 127.0.0.1)
					  --health MODE  how the daemon checks it: http (GET, default) or tcp (a connect)
					  --health-path  the path it GETs (default /health for Studio, / for a command)
					  --restart on-failure  the daemon starts it again when it exits on its own (no: never)
					  --restart always  that, and a daemon starting after a reboot starts it again too
					  --no-port-flag never append --port $PORT to vite, astro dev, ng serve, react-router dev
					  --env KEY=VALUE  a variable for the server (repeatable), over your shell's, under PORT
					  --env-file PATH  the variables of a .env file (--env wins); both are remembered for
					                 every restart until given again, kept in a 0600 file, never shown
					  --no-browser   do not open the browser
					Example: localdb start blog --command 'python3 -m http.server $PORT' """)
	public void start(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "port", description = "preferred port") Integer port,
			@Option(longName = "command", description = "dev server command, run with sh -c") String command,
			@Option(longName = "host", description = "listen address") String host,
			@Option(longName = "no-browser", description = "do not open a browser") Boolean noBrowser,
			@Option(longName = "health", description = "how the daemon checks it: http (default) or tcp") String health,
			@Option(longName = "health-path", description = "the HTTP path it checks (default / for a command)") String healthPath,
			@Option(longName = "restart", description = "on-failure: the daemon restarts it when it exits on its own; always: after a reboot too; no") String restart,
			@Option(longName = "no-port-flag", description = "never pass --port to a dev server that ignores $PORT") Boolean noPortFlag,
			@Option(longName = "env", description = "KEY=VALUE for the server, remembered (repeatable)") String env,
			@Option(longName = "env-file", description = "a .env file of variables for the server, remembered") String envFile,
			CommandContext context) {
		StartRequest request = request(context, project, port, command, host, health, healthPath, restart, noPortFlag)
			.withVariables(EnvOptions.of(context, envFile));
		StartResult result = this.projects.start(request, progress(context));
		report(result, result.alreadyRunning() ? "is already running" : "started", Boolean.TRUE.equals(noBrowser), context);
	}

	@Command(name = "stop", group = "Projects", description = "Stop a project's server and release its port (e.g. 'stop diary')",
			completionProvider = "projectsHoldingAPort", help = """
					stop <project> [--grace DURATION]
					  SIGTERM to the server and its session, SIGKILL after --grace (localdb.servers.stop-grace, 5 s);
					  removes server.json and releases the port. A pid that now belongs to another
					  process is never signalled. Exits 3 when the project was not running.
					Example: localdb stop diary""")
	public void stop(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "grace", description = "how long to wait after SIGTERM before SIGKILL, e.g. 10s") String grace,
			CommandContext context) {
		StopResult result = this.projects.stop(ProjectName.of(project), grace(grace));
		context.outputWriter().println(result.describe());
	}

	@Command(name = "logs", group = "Projects",
			description = "Show a project's server log: this run's last lines, or follow it (e.g. 'logs diary -f')",
			completionProvider = "projectNames", help = """
					logs <project> [-n N] [-f] [--all]
					  The server's output (server.log) of its current run: the last N lines (default 40).
					  -n, --lines N  how many lines
					  -f, --follow   keep printing what the server writes, until Ctrl-C
					  --all          earlier runs too (the log and server.log.1), with a line marking each run
					Example: localdb logs diary -n 100 -f""")
	public void logs(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "lines", shortName = 'n', description = "how many lines") Integer lines,
			@Option(longName = "follow", shortName = 'f', description = "follow until Ctrl-C") Boolean follow,
			@Option(longName = "all", description = "earlier runs too") Boolean all, CommandContext context) {
		PrintWriter out = context.outputWriter();
		Invocation invocation = Invocation.of(context);
		this.projects.logs(ProjectName.of(project), lines == null ? 40 : lines, Boolean.TRUE.equals(all),
				Boolean.TRUE.equals(follow), line -> {
					out.println(line);
					out.flush();
				}, invocation::isCancelled);
	}

	@Command(name = "forget", group = "Projects",
			description = "Stop a project if it runs and forget its settings, logs and port (e.g. 'forget diary')",
			completionProvider = "projectNames", help = """
					forget <project>
					  Stops the project's server if it runs, then removes what LocalDB remembers of it: its
					  command, directory and host, its --env variables, its logs, its registry entry. 'list'
					  no longer shows it; a later 'start' begins afresh. Exits 3 when LocalDB knows no such project.
					Example: localdb forget old-prototype""")
	public void forget(@Argument(index = 0, description = "project name") String project, CommandContext context) {
		context.outputWriter().println(this.projects.forget(ProjectName.of(project)).describe());
	}

	@Command(name = "restart", group = "Projects",
			description = "Stop and start a project again, on the same port when it is free (e.g. 'restart diary')",
			completionProvider = "projectNames", help = """
					restart <project> [--port N] [--command CMD] [--host ADDR] [--health http|tcp] [--health-path PATH] [--restart always|on-failure|no] [--no-port-flag] [--env KEY=VALUE]... [--env-file PATH] [--grace DURATION] [--no-browser]
					  Stops the project if it runs, then starts it with the same command and host, on the
					  same port when that is still free, with the same --env variables unless given anew.
					Example: localdb restart diary""")
	public void restart(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "port", description = "preferred port") Integer port,
			@Option(longName = "command", description = "dev server command, run with sh -c") String command,
			@Option(longName = "host", description = "listen address") String host,
			@Option(longName = "no-browser", description = "do not open a browser") Boolean noBrowser,
			@Option(longName = "health", description = "how the daemon checks it: http (default) or tcp") String health,
			@Option(longName = "health-path", description = "the HTTP path it checks (default / for a command)") String healthPath,
			@Option(longName = "restart", description = "on-failure: the daemon restarts it when it exits on its own; always: after a reboot too; no") String restart,
			@Option(longName = "no-port-flag", description = "never pass --port to a dev server that ignores $PORT") Boolean noPortFlag,
			@Option(longName = "env", description = "KEY=VALUE for the server, remembered (repeatable)") String env,
			@Option(longName = "env-file", description = "a .env file of variables for the server, remembered") String envFile,
			@Option(longName = "grace", description = "how long to wait after SIGTERM before SIGKILL, e.g. 10s") String grace,
			CommandContext context) {
		StartRequest request = request(context, project, port, command, host, health, healthPath, restart, noPortFlag)
			.withVariables(EnvOptions.of(context, envFile))
			.withStopGrace(grace(grace));
		StartResult result = this.projects.restart(request, progress(context));
		report(result, result.replaced() ? "restarted" : "started (it was not running)",
				Boolean.TRUE.equals(noBrowser), context);
	}

	@Command(name = "list", group = "Projects", description = "List every known project: running, starting, stale or stopped (e.g. 'list --json')",
			help = """
					list [--json]
					  Every project in the registry or with a runtime directory: state, port, pid, uptime, URL.
					Example: localdb list""")
	public void list(@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		PrintWriter out = context.outputWriter();
		List<ProjectStatus> statuses = this.catalog.list();
		if (Boolean.TRUE.equals(asJson)) {
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(statuses));
			return;
		}
		if (statuses.isEmpty()) {
			out.println("No projects yet. Start one with 'localdb start <project>'.");
			return;
		}
		int width = Math.max(20, statuses.stream().mapToInt(status -> status.project().value().length() + 1).max().orElse(0));
		String format = "%-" + width + "s %-9s %-6s %-8s %-10s %-11s %-9s %s";
		out.println(String.format(format, "PROJECT", "STATUS", "PORT", "PID", "UPTIME", "HEALTH", "RESTARTS", "URL")
			.stripTrailing());
		for (ProjectStatus status : statuses) {
			out.println(String.format(format, status.project(), status.state().label(), orDash(status.port()),
					orDash(status.pid()), uptime(status.uptime()), health(status.health()), status.restarts(),
					orDash(status.url()))
				.stripTrailing());
		}
	}

	private void report(StartResult result, String verb, Boolean noBrowser, CommandContext context) {
		PrintWriter out = context.outputWriter();
		// notes are not the command's output: stdout stays parseable
		PrintWriter err = Invocation.of(context).err();
		result.note().ifPresent(notes -> {
			notes.lines().forEach(note -> err.println("! " + note));
			err.flush();
		});
		out.println("✓ " + result.project() + " " + verb + " on port " + result.port() + " (pid " + result.pid() + ")");
		out.println("  " + result.url());
		if (!noBrowser && this.browser.open(result.url())) {
			out.println("  opened in your browser");
		}
	}

	private static StartProgress progress(CommandContext context) {
		return TerminalProgress.forTerminal(Invocation.of(context));
	}

	/** UP 3ms, DOWN, or - when the daemon has not checked it (yet). */
	private static String health(HealthRecord health) {
		if (health == null) {
			return "-";
		}
		return health.status() == HealthRecord.Status.UP ? "up " + health.latencyMillis() + "ms"
				: health.status().name().toLowerCase(Locale.ROOT);
	}

	private static StartRequest request(CommandContext context, String project, Integer port, String command, String host, String health,
			String healthPath, String restart, Boolean noPortFlag) {
		Invocation invocation = Invocation.of(context);
		return StartRequest.of(ProjectName.of(project))
			.withPort(port)
			.withCommand(command)
			.withHost(host)
			.withInvocation(invocation.directory().toString(), invocation.environment())
			.withHealth(HealthMode.fromOptions(health, healthPath))
			.withRestart(RestartPolicy.fromOption(restart))
			.withNoPortFlag(Boolean.TRUE.equals(noPortFlag) ? Boolean.TRUE : null);
	}

	/** --grace 10s, 500ms, 1m: null when not given. */
	private static Duration grace(String grace) {
		if (grace == null || grace.isBlank()) {
			return null;
		}
		try {
			Duration parsed = DurationStyle.detectAndParse(grace);
			if (!parsed.isNegative()) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// said below
		}
		throw new CommandLine.UsageException("--grace takes a duration such as 10s, 500ms or 1m, not '" + grace + "'.");
	}

	private static String orDash(Object value) {
		return value == null ? "-" : value.toString();
	}

	static String uptime(Duration uptime) {
		if (uptime == null) {
			return "-";
		}
		long seconds = Math.max(0, uptime.toSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return seconds / 60 + "m" + (seconds % 60) + "s";
		}
		if (seconds < 86400) {
			return seconds / 3600 + "h" + (seconds % 3600) / 60 + "m";
		}
		return seconds / 86400 + "d" + (seconds % 86400) / 3600 + "h";
	}

}
