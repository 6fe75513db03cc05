package dev.localdb.shell;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.shell.core.command.CommandContext;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.localdb.os.BrowserOpener;
import dev.localdb.project.StartResult;
import dev.localdb.project.StopResult;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.web.WebPort;

/** What {@code start}, {@code restart}, {@code stop} and {@code scale} print about the servers, as text or JSON. */
final class ProjectReport {

	private final RuntimePaths paths;

	private final BrowserOpener browser;

	private final JsonMapper json;

	ProjectReport(RuntimePaths paths, BrowserOpener browser, JsonMapper json) {
		this.paths = paths;
		this.browser = browser;
		this.json = json;
	}

	void report(StartResult result, String verb, Boolean noBrowser, CommandContext context) {
		PrintWriter out = context.outputWriter();
		notes(result, context);
		// the name first: the same address for the project whatever its port (the numbered one beside it)
		String named = WebPort.namedUrl(this.paths.home(), result.project().value()).orElse(null);
		if (result.others().isEmpty()) {
			out.println("✓ " + result.project() + " " + verb + " on port " + result.port() + " (pid " + result.pid() + ")");
			out.println("  " + (named != null ? named + "  (" + result.url() + ")" : result.url()));
		}
		else {
			out.println("✓ " + result.project() + " " + verb + ": " + result.all().size() + " instances"
					+ (named != null ? ", balanced at " + named : ""));
			result.all().forEach(instance -> out.println(instanceLine(instance)));
		}
		if (!result.ports().isEmpty()) {
			out.println("  ports: " + namedPorts(result.ports()));
		}
		if (!noBrowser && this.browser.open(named != null ? named : result.url())) {
			out.println("  opened in your browser");
		}
	}

	/**
	 * {@code start --json}, {@code restart --json}: the first server's record with the project's
	 * named URL (null while no web port is served), and a cluster's every instance; the browser
	 * stays closed, as a script wants.
	 */
	void json(StartResult result, CommandContext context) {
		notes(result, context);
		ObjectNode node = this.json.valueToTree(result);
		node.put("namedUrl", WebPort.namedUrl(this.paths.home(), result.project().value()).orElse(null));
		if (!result.others().isEmpty()) {
			node.set("instances", this.json.valueToTree(result.all()));
		}
		json(node, context);
	}

	/** {@code stop --json}: the stopped server, and a cluster's every stopped instance. */
	void json(StopResult result, CommandContext context) {
		ObjectNode node = this.json.valueToTree(result);
		if (!result.others().isEmpty()) {
			node.set("instances", this.json.valueToTree(Stream.concat(Stream.of(result), result.others().stream()).toList()));
		}
		json(node, context);
	}

	/** One document, pretty-printed as {@code list --json} prints it. */
	void json(Object value, CommandContext context) {
		context.outputWriter().println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
	}

	/** Notes are not the command's output: stdout stays parseable. */
	private static void notes(StartResult result, CommandContext context) {
		PrintWriter err = Invocation.of(context).err();
		result.note().ifPresent(notes -> {
			notes.lines().forEach(note -> err.println("! " + note));
			err.flush();
		});
	}

	/** {@code  #2  port 4102  pid 9120  http://127.0.0.1:4102/} */
	static String instanceLine(StartResult instance) {
		return "  #" + instance.instance() + "  port " + instance.port() + "  pid " + instance.pid() + "  " + instance.url();
	}

	/** {@code debug 4103 (PORT_DEBUG), metrics 4104 (PORT_METRICS)} */
	static String namedPorts(Map<String, Integer> ports) {
		return ports.entrySet()
			.stream()
			.map(port -> port.getKey() + " " + orDash(port.getValue()) + " (PORT_" + port.getKey().toUpperCase(Locale.ROOT) + ")")
			.collect(Collectors.joining(", "));
	}

	static String orDash(Object value) {
		return value == null ? "-" : value.toString();
	}

}
