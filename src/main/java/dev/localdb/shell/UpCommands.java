package dev.localdb.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.projectfile.ProjectFileService;
import dev.localdb.projectfile.ProjectFileService.Outcome;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.web.WebPort;

/** {@code up} and {@code down}: the projects of a {@code localdb.yml}, found where the user is. */
@Component
class UpCommands {

	private final ProjectFileService files;

	private final JsonMapper json;

	private final RuntimePaths paths;

	UpCommands(ProjectFileService files, JsonMapper json, RuntimePaths paths) {
		this.files = files;
		this.json = json;
		this.paths = paths;
	}

	@Command(name = "up", group = "Projects",
			description = "Start the projects of localdb.yml, dependencies first; idempotent (e.g. 'up', 'up api')",
			completionProvider = "projectNames", help = """
					up [PROJECT...] [-f FILE] [--json]
					  Reads localdb.yml (or .localdb.yml) here or in the nearest directory above, checks all
					  of it (a mistake is FILE:LINE:COLUMN, exit 2, nothing started), then starts its projects,
					  or the ones named and those they depend on, each after its dependencies run. A project
					  running as the file says is left alone; one whose definition changed is restarted.
					  -f, --file FILE  this project file instead
					  --json           one JSON object: the file and what was done with each project
					Example: localdb up""")
	public void up(@Option(longName = "file", shortName = 'f', description = "the project file (default: localdb.yml here or above)") String file,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		Invocation invocation = Invocation.of(context);
		Path found = this.files.locate(invocation.directory(), file);
		boolean json = Boolean.TRUE.equals(asJson);
		List<Outcome> outcomes = this.files.up(found, invocation.directory(), names(context), invocation.environment(),
				EnvFile::read, TerminalProgress.forTerminal(invocation), json ? outcome -> { } : print(context));
		if (json) {
			printJson(found, outcomes, context);
		}
	}

	@Command(name = "down", group = "Projects",
			description = "Stop the projects of localdb.yml, dependents first (e.g. 'down', 'down web')",
			completionProvider = "projectNames", help = """
					down [PROJECT...] [-f FILE] [--json]
					  Stops the projects of localdb.yml (found as 'up' finds it), or the ones named, each
					  before the projects it depends on, as 'stop' does: ports released, what LocalDB
					  remembers of them kept. A project that does not run is said so; that is no error.
					  -f, --file FILE  this project file instead
					  --json           one JSON object: the file and what was done with each project
					Example: localdb down""")
	public void down(@Option(longName = "file", shortName = 'f', description = "the project file (default: localdb.yml here or above)") String file,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		Invocation invocation = Invocation.of(context);
		Path found = this.files.locate(invocation.directory(), file);
		boolean json = Boolean.TRUE.equals(asJson);
		List<Outcome> outcomes = this.files.down(found, invocation.directory(), names(context),
				json ? outcome -> { } : print(context));
		if (json) {
			printJson(found, outcomes, context);
		}
	}

	/** Each project's line as soon as it is done: a slow start shows what came up before it. */
	private Consumer<Outcome> print(CommandContext context) {
		PrintWriter out = context.outputWriter();
		// the daemon's web port, read once for every line
		OptionalInt web = WebPort.servedPort(this.paths.home());
		return outcome -> {
			out.println(outcome.describe(web.isPresent() ? WebPort.namedUrl(outcome.project().value(), web.getAsInt()) : null));
			out.flush();
		};
	}

	private void printJson(Path file, List<Outcome> outcomes, CommandContext context) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("file", file.toString());
		report.put("projects", outcomes);
		context.outputWriter().println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
	}

	private static List<String> names(CommandContext context) {
		return context.parsedInput()
			.arguments()
			.stream()
			.sorted(Comparator.comparingInt(CommandArgument::index))
			.map(CommandArgument::value)
			.toList();
	}

}
