package dev.localdb.shell;

import java.io.PrintWriter;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.os.BrowserOpener;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.web.WebPort;

/**
 * {@code open}: a project's named URL, {@code http://<project>.localhost:<web port>/}, on the web
 * port the daemon records, printed and opened in the browser.
 */
@Component
class OpenCommands {

	private final ProjectCatalog catalog;

	private final RuntimePaths paths;

	private final BrowserOpener browser;

	private final JsonMapper json;

	OpenCommands(ProjectCatalog catalog, RuntimePaths paths, BrowserOpener browser, JsonMapper json) {
		this.json = json;
		this.catalog = catalog;
		this.paths = paths;
		this.browser = browser;
	}

	@Command(name = "open", group = "Projects",
			description = "Open a project's named URL in your browser (e.g. 'open diary')", help = """
					open <project> [--no-browser] [--json]
					  Prints http://<project>.localhost:<web port>/ and opens it in your browser. The daemon's
					  web port passes it to the project's server (sub-names too: api.<project>.localhost).
					  --no-browser   only print the address
					  --json         only print one JSON object: the project and its url
					Example: localdb open diary""")
	public void open(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "no-browser", description = "do not open a browser") Boolean noBrowser,
			@Option(longName = "json", description = "print JSON, do not open a browser") Boolean asJson,
			CommandContext context) {
		ProjectName name = ProjectName.of(project);
		if (this.catalog.status(name).isEmpty()) {
			throw new LocalDbException(Failure.NOT_FOUND, "LocalDB knows no project '" + name
					+ "'. Start it with 'localdb start " + name + "', or see 'localdb list'.");
		}
		String url = WebPort.namedUrl(this.paths.home(), name.value())
			.orElseThrow(() -> new LocalDbException(Failure.NOT_FOUND, "The LocalDB daemon serves no web port now ("
					+ "see 'localdb daemon status' and 'localdb doctor'), so " + name + " has no named URL yet."));
		PrintWriter out = context.outputWriter();
		if (Boolean.TRUE.equals(asJson)) {
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(new Named(name, url)));
			return;
		}
		out.println(url);
		if (!Boolean.TRUE.equals(noBrowser) && this.browser.open(url)) {
			out.println("  opened in your browser");
		}
		out.flush();
	}

	/** What {@code open --json} prints. */
	record Named(ProjectName project, String url) {
	}

}
