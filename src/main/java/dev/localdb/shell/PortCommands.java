package dev.localdb.shell;

import java.io.PrintWriter;
import java.time.Clock;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.cleanup.CleanupResult;
import dev.localdb.cleanup.RegistryReport;
import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.web.WebPort;

/** The seed's {@code ports} and {@code ports --cleanup}, and {@code port <project>} for scripts. */
@Component
class PortCommands {

	private final StaleAllocationCleaner cleaner;

	private final ProjectCatalog catalog;

	private final JsonMapper json;

	private final Clock clock;

	private final RuntimePaths paths;

	PortCommands(StaleAllocationCleaner cleaner, ProjectCatalog catalog, JsonMapper json,
			Clock clock, RuntimePaths paths) {
		this.paths = paths;
		this.cleaner = cleaner;
		this.catalog = catalog;
		this.json = json;
		this.clock = clock;
	}

	@Command(name = "ports", group = "Ports",
			description = "Show every port allocation (e.g. 'ports', 'ports --cleanup', 'ports --json')",
			help = """
					ports [--cleanup] [--json]
					  Shows every project's port, when it was allocated and the pid that holds it.
					  --cleanup  remove stale allocations (dead servers, missing server.json)
					  --json     machine-readable output
					Example: localdb ports --cleanup""")
	public void ports(@Option(longName = "cleanup", description = "remove stale allocations") Boolean cleanup,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		PrintWriter out = context.outputWriter();
		if (Boolean.TRUE.equals(cleanup)) {
			if (!Boolean.TRUE.equals(asJson)) {
				out.println("Cleaning up stale port allocations...");
				out.flush();
			}
			CleanupResult result = this.cleaner.cleanup();
			if (Boolean.TRUE.equals(asJson)) {
				out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
			}
			else {
				out.println("✓ Cleaned " + result.count() + " stale allocation(s)");
			}
			return;
		}
		RegistryReport report = this.cleaner.report();
		if (Boolean.TRUE.equals(asJson)) {
			JsonNode tree = WebPort.withNamedUrls(this.json.valueToTree(report), WebPort.servedPort(this.paths.home()));
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
			return;
		}
		PortsReport.lines(report, this.clock.getZone()).forEach(out::println);
	}

	@Command(name = "port", group = "Ports",
			description = "Print only the project's port, for scripts (e.g. PORT=$(localdb port diary))",
			completionProvider = "projectsHoldingAPort", help = """
					port <project> [--json]
					  Prints the port the project holds and nothing else; exits 3 when it holds none.
					  --json  print one JSON object: the project and its port
					Example: PORT=$(localdb port diary)""")
	public void port(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		ProjectName name = ProjectName.of(project);
		int port = this.catalog.port(name)
			.orElseThrow(() -> new LocalDbException(Failure.NOT_FOUND, "Project '" + name
					+ "' holds no port. Start it with 'localdb start " + name + "'."));
		if (Boolean.TRUE.equals(asJson)) {
			context.outputWriter().println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(new Held(name, port)));
			return;
		}
		context.outputWriter().println(port);
	}

	/** What {@code port --json} prints. */
	record Held(ProjectName project, int port) {
	}

}
