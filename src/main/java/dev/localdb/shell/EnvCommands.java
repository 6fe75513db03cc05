package dev.localdb.shell;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectSettings;
import dev.localdb.registry.ProjectName;

/** {@code env} and {@code exec}: a project's port and URL for the user's own shell and tools. */
@Component
class EnvCommands {

	private final ProjectCatalog catalog;

	private final ProjectSettings settings;

	private final JsonMapper json;

	EnvCommands(ProjectCatalog catalog, ProjectSettings settings, JsonMapper json) {
		this.catalog = catalog;
		this.settings = settings;
		this.json = json;
	}

	@Command(name = "env", group = "Projects",
			description = "Print a project's PORT, PROJECT_NAME, LOCALDB_HOST and LOCALDB_URL for eval (e.g. 'env api')",
			completionProvider = "projectsHoldingAPort", help = """
					env <project> [--json]
					  Prints PORT, PROJECT_NAME, LOCALDB_HOST and LOCALDB_URL of the port the project holds,
					  as shell assignments quoted for sh, so eval "$(localdb env api)" sets them; --json prints
					  one object. Never its --env values. Exits 3 when the project holds no port.
					Example: eval "$(localdb env api)" && curl "$LOCALDB_URL" """)
	public void env(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		Map<String, String> found = this.catalog.variables(ProjectName.of(project), this.settings.host());
		PrintWriter out = context.outputWriter();
		if (Boolean.TRUE.equals(asJson)) {
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(found));
			return;
		}
		found.forEach((name, value) -> out.println(name + "=" + quoted(value)));
	}

	@Command(name = "exec", group = "Projects",
			description = "Run a command with a project's PORT and URL in its environment (e.g. 'exec api -- npm test')",
			completionProvider = "projectsHoldingAPort", help = """
					exec <project> -- CMD [ARGS...]
					  Runs CMD (no shell: wrap it in sh -c '...' for one) in your directory with your
					  environment plus PORT, PROJECT_NAME, LOCALDB_HOST and LOCALDB_URL (see 'env'), prints
					  its output as it comes and exits with its exit status. Its stdin is not forwarded (it
					  reads /dev/null); Ctrl-C ends it. Exits 127 when CMD cannot be run, 3 when the
					  project holds no port.
					Example: localdb exec api -- npm test""")
	public void exec(@Argument(index = 0, description = "project name") String project, CommandContext context) {
		List<String> command = context.parsedInput()
			.arguments()
			.stream()
			.filter(argument -> argument.index() > 0)
			.sorted(Comparator.comparingInt(CommandArgument::index))
			.map(CommandArgument::value)
			.toList();
		Map<String, String> found = this.catalog.variables(ProjectName.of(project), this.settings.host());
		if (command.isEmpty()) {
			throw new CommandLine.UsageException("Give the command to run after '--', e.g. 'localdb exec " + project
					+ " -- npm test'.");
		}
		PrintWriter out = context.outputWriter();
		out.flush();
		int status = ChildCommand.run(command, found, out, Invocation.of(context));
		out.flush();
		if (status != 0) {
			throw new CommandExit(status);
		}
	}

	/** Quoted for POSIX sh: in single quotes, each ' as '\'' (nothing is special inside them). */
	static String quoted(String value) {
		return "'" + value.replace("'", "'\\''") + "'";
	}

}
