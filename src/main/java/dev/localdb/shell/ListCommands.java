package dev.localdb.shell;

import static dev.localdb.shell.ProjectReport.namedPorts;
import static dev.localdb.shell.ProjectReport.orDash;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectStatus;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.share.ShareStatus;
import dev.localdb.share.Shares;
import dev.localdb.web.WebPort;

/** The seed's {@code list}: every known project, as a table or as JSON. */
@Component
class ListCommands {

	private final ProjectCatalog catalog;

	private final JsonMapper json;

	private final RuntimePaths paths;

	private final ObjectProvider<Shares> shares;

	ListCommands(ProjectCatalog catalog, JsonMapper json, RuntimePaths paths, ObjectProvider<Shares> shares) {
		this.catalog = catalog;
		this.json = json;
		this.paths = paths;
		this.shares = shares;
	}

	@Command(name = "list", group = "Projects", description = "List every known project: running, starting, stale or stopped (e.g. 'list --json')",
			help = """
					list [--json]
					  Every project in the registry or with a runtime directory: state, port, pid, uptime, URL.
					Example: localdb list""")
	public void list(@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		PrintWriter out = context.outputWriter();
		List<ProjectStatus> statuses = this.catalog.list();
		Map<ProjectName, ShareStatus> shared = shared();
		if (Boolean.TRUE.equals(asJson) && shared.isEmpty()) {
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(statuses));
			return;
		}
		if (Boolean.TRUE.equals(asJson)) {
			List<JsonNode> nodes = statuses.stream().map(status -> {
				JsonNode node = this.json.valueToTree(status);
				ShareStatus share = shared.get(status.project());
				return share == null ? node : ((ObjectNode) node).set("share", this.json.valueToTree(share));
			}).toList();
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(nodes));
			return;
		}
		if (statuses.isEmpty()) {
			out.println("No projects yet. Start one with 'localdb start <project>'.");
			return;
		}
		// the web port is read once for the whole list, not once a line
		OptionalInt webPort = WebPort.servedPort(this.paths.home());
		Function<ProjectName, Optional<String>> namedUrl = project -> webPort.isEmpty() ? Optional.empty()
				: Optional.of(WebPort.namedUrl(project.value(), webPort.getAsInt()));
		int width = Math.max(20, statuses.stream().mapToInt(status -> status.project().value().length() + 1).max().orElse(0));
		String format = "%-" + width + "s %-9s %-6s %-8s %-10s %-11s %-9s %s";
		out.println(String.format(format, "PROJECT", "STATUS", "PORT", "PID", "UPTIME", "HEALTH", "RESTARTS", "URL")
			.stripTrailing());
		for (ProjectStatus status : statuses) {
			if (status.instances().isEmpty()) {
				out.println(String.format(format, status.project(), status.state().label(), orDash(status.port()),
						orDash(status.pid()), uptime(status.uptime()), health(status.health()), status.restarts(),
						status.url() == null ? "-" : namedUrl.apply(status.project()).orElse(status.url()))
					.stripTrailing());
			}
			else {
				// a cluster: its line, then one per instance
				out.println(String.format("%-" + width + "s %-9s %s", status.project(), status.state().label(),
						status.instances().size() + " instances" + (status.restarts() == 0 ? ""
								: ", " + status.restarts() + " restart" + (status.restarts() == 1 ? "" : "s") + " by the daemon")
						+ namedUrl.apply(status.project()).map(url -> "  " + url).orElse("")));
				for (ProjectStatus.Instance instance : status.instances()) {
					out.println(String.format(format, "  #" + instance.instance(), instance.state().label(),
							orDash(instance.port()), orDash(instance.pid()), uptime(instance.uptime()),
							health(instance.health()), "", orDash(instance.url()))
						.stripTrailing());
				}
			}
			if (!status.ports().isEmpty()) {
				out.println("  ports: " + namedPorts(status.ports()));
			}
			ShareStatus share = shared.get(status.project());
			if (share != null) {
				out.println("  ↳ shared at " + share.url() + " (" + share.state().label() + ")");
			}
		}
	}

	/** The daemon's shares: its own, or as it recorded them for the other processes of the home. */
	private Map<ProjectName, ShareStatus> shared() {
		Shares daemon = this.shares.getIfAvailable();
		return (daemon == null ? Shares.shown(this.paths) : daemon.all()).stream()
			.collect(Collectors.toMap(ShareStatus::project, share -> share, (a, b) -> a));
	}

	/** UP 3ms, DOWN, or - when the daemon has not checked it (yet). */
	private static String health(HealthRecord health) {
		if (health == null) {
			return "-";
		}
		return health.status() == HealthRecord.Status.UP ? "up " + health.latencyMillis() + "ms"
				: health.status().name().toLowerCase(Locale.ROOT);
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
