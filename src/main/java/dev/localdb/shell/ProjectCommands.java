package dev.localdb.shell;

import static dev.localdb.shell.ProjectReport.instanceLine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.os.BrowserOpener;
import dev.localdb.project.ForgetResult;
import dev.localdb.project.ProjectService;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.project.StartResult;
import dev.localdb.project.StopResult;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.registry.RuntimePaths;

/**
 * The seed's project flows: {@code start}, {@code stop}, {@code restart}, and {@code logs},
 * {@code forget} and {@code scale}; {@code list} is {@link ListCommands}.
 */
@Component
class ProjectCommands {

	private final ProjectService projects;

	private final ProjectReport reports;

	ProjectCommands(ProjectService projects, BrowserOpener browser, JsonMapper json, RuntimePaths paths) {
		this.projects = projects;
		this.reports = new ProjectReport(paths, browser, json);
	}

	@Command(name = "start", group = "Projects",
			description = "Start a project's server on a free port (e.g. 'start diary', 'start api --port 3005')",
			completionProvider = "projectNames", help = """
					start <project> [--port N] [--command CMD] [--host ADDR] [--health http|tcp] [--health-path PATH] [--restart always|on-failure|no] [--no-port-flag] [--env KEY=VALUE]... [--env-file PATH] [--instances N] [--ports NAME,...] [--no-browser] [--json]
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
					  --instances N  run N servers of the project (a cluster, 1-32), each on its own port with
					                 LOCALDB_INSTANCE=1..N; remembered ('scale' changes it)
					  --ports NAMES  more ports for the project, e.g. debug,metrics: PORT_DEBUG, PORT_METRICS
					                 (repeatable; remembered; released by stop)
					  --no-browser   do not open the browser
					  --json         print one JSON object (port, pid, url, namedUrl, ports, a cluster's
					                 instances) instead, and do not open the browser
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
			@Option(longName = "instances", description = "how many servers of the project run (a cluster), 1-32") Integer instances,
			@Option(longName = "ports", description = "names of more ports, e.g. debug,metrics (PORT_DEBUG), repeatable") String ports,
			@Option(longName = "json", description = "print JSON, do not open a browser") Boolean asJson,
			CommandContext context) {
		StartRequest request = request(context, project, port, command, host, health, healthPath, restart, noPortFlag)
			.withVariables(EnvOptions.of(context, envFile))
			.withInstances(instances)
			.withPorts(portNames(context));
		StartResult result = this.projects.start(request, progress(context));
		if (Boolean.TRUE.equals(asJson)) {
			this.reports.json(result, context);
			return;
		}
		this.reports.report(result, result.alreadyRunning() ? "is already running" : "started", Boolean.TRUE.equals(noBrowser), context);
	}

	@Command(name = "stop", group = "Projects", description = "Stop a project's server and release its port (e.g. 'stop diary')",
			completionProvider = "projectsHoldingAPort", help = """
					stop <project> [--grace DURATION] [--json]
					  SIGTERM to the server and its session, SIGKILL after --grace (localdb.servers.stop-grace, 5 s);
					  removes server.json and releases the port. A pid that now belongs to another
					  process is never signalled. Exits 3 when the project was not running.
					  --json  print one JSON object: port, pid, killed, portStillInUse, a cluster's instances
					Example: localdb stop diary""")
	public void stop(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "grace", description = "how long to wait after SIGTERM before SIGKILL, e.g. 10s") String grace,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		StopResult result = this.projects.stop(ProjectName.of(project), grace(grace));
		if (Boolean.TRUE.equals(asJson)) {
			this.reports.json(result, context);
			return;
		}
		context.outputWriter().println(result.describe());
	}

	@Command(name = "logs", group = "Projects",
			description = "Show a project's server log: this run's last lines, or follow it (e.g. 'logs diary -f')",
			completionProvider = "projectNames", help = """
					logs <project> [-n N] [-f] [--all] [--instance N]
					  The server's output (server.log) of its current run: the last N lines (default 40).
					  -n, --lines N  how many lines
					  -f, --follow   keep printing what the server writes, until Ctrl-C
					  --all          earlier runs too (the log and server.log.1), with a line marking each run
					  --instance N   instance N of a cluster (server-N.log; default 1, the project's own)
					Example: localdb logs diary -n 100 -f""")
	public void logs(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "lines", shortName = 'n', description = "how many lines") Integer lines,
			@Option(longName = "follow", shortName = 'f', description = "follow until Ctrl-C") Boolean follow,
			@Option(longName = "all", description = "earlier runs too") Boolean all,
			@Option(longName = "instance", description = "instance N of a cluster (default 1)") Integer instance,
			CommandContext context) {
		PrintWriter out = context.outputWriter();
		Invocation invocation = Invocation.of(context);
		this.projects.logs(ProjectName.of(project), instance == null ? 1 : instance, lines == null ? 40 : lines, Boolean.TRUE.equals(all),
				Boolean.TRUE.equals(follow), line -> {
					out.println(line);
					out.flush();
				}, invocation::isCancelled);
	}

	@Command(name = "forget", group = "Projects",
			description = "Stop a project if it runs and forget its settings, logs and port (e.g. 'forget diary')",
			completionProvider = "projectNames", help = """
					forget <project> [--json]
					  Stops the project's server if it runs, then removes what LocalDB remembers of it: its
					  command, directory and host, its --env variables, its logs, its registry entry. 'list'
					  no longer shows it; a later 'start' begins afresh. Exits 3 when LocalDB knows no such project.
					  --json  print one JSON object: the project and stoppedPid (null when none ran)
					Example: localdb forget old-prototype""")
	public void forget(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		ForgetResult forgotten = this.projects.forget(ProjectName.of(project));
		if (Boolean.TRUE.equals(asJson)) {
			this.reports.json(forgotten, context);
			return;
		}
		context.outputWriter().println(forgotten.describe());
	}

	@Command(name = "restart", group = "Projects",
			description = "Stop and start a project again, on the same port when it is free (e.g. 'restart diary')",
			completionProvider = "projectNames", help = """
					restart <project> [--port N] [--command CMD] [--host ADDR] [--health http|tcp] [--health-path PATH] [--restart always|on-failure|no] [--no-port-flag] [--env KEY=VALUE]... [--env-file PATH] [--instances N] [--ports NAME,...] [--grace DURATION] [--no-browser] [--json]
					  Stops the project if it runs, then starts it with the same command and host, on the
					  same port when that is still free, with the same --env variables unless given anew.
					  A cluster (--instances) restarts rolling: one instance at a time, the next once the
					  restarted one is UP (listening and its health check passing), so the others serve.
					  --json         print one JSON object, as 'start --json' does (replaced: it was running)
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
			@Option(longName = "instances", description = "how many servers of the project run (a cluster), 1-32") Integer instances,
			@Option(longName = "ports", description = "names of more ports, e.g. debug,metrics (PORT_DEBUG), repeatable") String ports,
			@Option(longName = "json", description = "print JSON, do not open a browser") Boolean asJson,
			CommandContext context) {
		StartRequest request = request(context, project, port, command, host, health, healthPath, restart, noPortFlag)
			.withVariables(EnvOptions.of(context, envFile))
			.withInstances(instances)
			.withPorts(portNames(context))
			.withStopGrace(grace(grace));
		StartResult result = this.projects.restart(request, progress(context));
		if (Boolean.TRUE.equals(asJson)) {
			this.reports.json(result, context);
			return;
		}
		this.reports.report(result, result.replaced() ? "restarted" : "started (it was not running)",
				Boolean.TRUE.equals(noBrowser), context);
	}

	@Command(name = "scale", group = "Projects",
			description = "Run N servers of a running project, adding or removing instances (e.g. 'scale api 5')",
			completionProvider = "projectsHoldingAPort", help = """
					scale <project> <N> [--json]
					  Starts instances up to N (each on its own port, waited for until UP) or stops the
					  highest-numbered ones down to N; the others keep serving. N is remembered.
					  --json  print one JSON object: before, after, the stopped instances and the running ones
					Example: localdb scale api 5""")
	public void scale(@Argument(index = 0, description = "project name") String project,
			@Argument(index = 1, description = "how many servers, 1-32") String instances,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		int count;
		try {
			count = Integer.parseInt(instances == null ? "" : instances.strip());
		}
		catch (NumberFormatException ex) {
			throw new CommandLine.UsageException("scale takes a number of servers, e.g. 'localdb scale " + project
					+ " 3', not '" + instances + "'.");
		}
		ProjectName name = ProjectName.of(project);
		ProjectService.Scaled scaled = this.projects.scale(name, count, progress(context));
		PrintWriter out = context.outputWriter();
		List<StartResult> running = scaled.running().all();
		if (Boolean.TRUE.equals(asJson)) {
			this.reports.json(new Scale(name, scaled.before(), running.size(), scaled.stopped(), running), context);
			return;
		}
		out.println("✓ " + name + " scaled from " + scaled.before() + " to " + running.size() + " instance"
				+ (running.size() == 1 ? "" : "s") + (scaled.stopped().isEmpty() ? ""
						: " (stopped " + scaled.stopped().stream().map(n -> "#" + n).collect(Collectors.joining(" ")) + ")"));
		running.forEach(instance -> out.println(instanceLine(instance) + (instance.alreadyRunning() ? "" : "  (new)")));
	}

	/** What {@code scale --json} prints: {@code instances} are the servers running now, {@code stopped} the ones it stopped. */
	record Scale(ProjectName project, int before, int after, List<Integer> stopped, List<StartResult> instances) {
	}

	/** Every {@code --ports} given (repeatable, each a comma list); null when none was (the remembered ones). */
	private static List<String> portNames(CommandContext context) {
		List<String> names = new ArrayList<>();
		boolean given = false;
		for (CommandOption option : context.parsedInput().options()) {
			if ("ports".equals(option.longName())) {
				given = true;
				for (String name : option.value().split(",")) {
					if (!name.isBlank()) {
						names.add(name.strip());
					}
				}
			}
		}
		return given ? names : null;
	}

	private static StartProgress progress(CommandContext context) {
		return TerminalProgress.forTerminal(Invocation.of(context));
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

}
