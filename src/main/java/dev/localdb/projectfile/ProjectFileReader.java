package dev.localdb.projectfile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.localdb.registry.HealthMode;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Reads a {@code localdb.yml} into its projects, checking all of it before anything is started:
 * each mistake is {@code FILE:LINE:COLUMN: what is wrong}. SnakeYAML composes the file into nodes
 * (never into objects of its choosing), so each value keeps where it was written.
 */
final class ProjectFileReader {

	/** A project's keys, as {@code start}'s options are named. */
	static final List<String> PROJECT_KEYS = List.of("command", "directory", "env", "env_file", "restart", "health",
			"depends_on", "port", "host", "no_port_flag", "stop_grace", "instances", "ports");

	private static final List<String> TOP_KEYS = List.of("projects");

	private final Path file;

	private final String shown;

	private ProjectFileReader(Path file, String shown) {
		this.file = file;
		this.shown = shown;
	}

	/**
	 * @param shown how messages name the file (as the user would type it)
	 * @return its projects, in the order they are written
	 */
	static List<ProjectDefinition> read(Path file, String shown) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException ex) {
			throw new LocalDbException(Failure.USAGE, "Cannot read " + shown + ": " + ex.getMessage() + ".");
		}
		return new ProjectFileReader(file, shown).parse(text);
	}

	private List<ProjectDefinition> parse(String text) {
		Node root;
		try {
			root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
			throw new LocalDbException(Failure.USAGE, location(mark) + "not valid YAML: " + ex.getProblem() + ".");
		}
		catch (YAMLException ex) {
			throw new LocalDbException(Failure.USAGE, this.shown + ": not valid YAML: " + ex.getMessage() + ".");
		}
		if (root == null) {
			throw new LocalDbException(Failure.USAGE, this.shown + ":1:1: the file is empty; it needs 'projects:' "
					+ "with one project or more.");
		}
		Map<String, NodeTuple> top = mapping(root, "the file", TOP_KEYS);
		NodeTuple projects = top.get("projects");
		if (projects == null) {
			throw error(root, "no 'projects:' here; list the projects under it");
		}
		Map<String, NodeTuple> byName = mapping(projects.getValueNode(), "'projects'", null);
		if (byName.isEmpty()) {
			throw error(projects.getValueNode(), "'projects' lists no project");
		}
		List<ProjectDefinition> definitions = new ArrayList<>();
		for (NodeTuple entry : byName.values()) {
			definitions.add(project(entry));
		}
		checkDependencies(definitions, byName);
		return definitions;
	}

	private ProjectDefinition project(NodeTuple entry) {
		Node nameNode = entry.getKeyNode();
		String rawName = ((ScalarNode) nameNode).getValue();
		if (!ProjectName.isValid(rawName)) {
			throw error(nameNode, "'" + rawName + "' is not a project name: letters, digits, '.', '_' and '-', "
					+ "starting with a letter or digit, at most 63");
		}
		ProjectName name = ProjectName.of(rawName);
		Map<String, NodeTuple> keys = mapping(entry.getValueNode(), "project '" + rawName + "'", PROJECT_KEYS);
		String command = string(keys.get("command"));
		if (command == null || command.isBlank()) {
			throw error(keys.containsKey("command") ? keys.get("command").getValueNode() : nameNode,
					"project '" + rawName + "' has no 'command': give the command that runs its server, e.g. "
							+ "command: npm run dev");
		}
		Path base = this.file.toAbsolutePath().getParent();
		Path directory = base;
		String relative = string(keys.get("directory"));
		if (relative != null) {
			directory = path(keys.get("directory"), base, relative);
			if (!Files.isDirectory(directory)) {
				throw error(keys.get("directory").getValueNode(), "no directory " + directory);
			}
		}
		String envFileName = string(keys.get("env_file"));
		Path envFile = envFileName == null ? null : path(keys.get("env_file"), base, envFileName);
		if (envFile != null && !Files.isRegularFile(envFile)) {
			throw error(keys.get("env_file").getValueNode(), "no file " + envFile + " for env_file");
		}
		return new ProjectDefinition(name, command, directory, env(keys.get("env")), envFile, restart(keys.get("restart")),
				health(keys.get("health")), dependencies(keys.get("depends_on")), port(keys.get("port")),
				string(keys.get("host")), bool(keys.get("no_port_flag")), duration(keys.get("stop_grace")),
				keys.containsKey("instances") ? number(keys.get("instances"), 1, PortKey.MAX_INSTANCES, "instances") : 1,
				portNames(keys.get("ports")), location(nameNode.getStartMark()));
	}

	private Path path(NodeTuple key, Path base, String value) {
		try {
			return base.resolve(value).normalize();
		}
		catch (InvalidPathException ex) {
			throw error(key.getValueNode(), "'" + value + "' is not a path");
		}
	}

	private Map<String, String> env(NodeTuple key) {
		Map<String, String> env = new LinkedHashMap<>();
		if (key == null) {
			return env;
		}
		mapping(key.getValueNode(), "'env'", null).forEach((name, variable) -> {
			if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
				throw error(variable.getKeyNode(), "'" + name + "' is not a variable name (letters, digits, '_')");
			}
			Node value = variable.getValueNode();
			if (!(value instanceof ScalarNode scalar)) {
				throw error(value, "the value of " + name + " must be a string, a number or a boolean");
			}
			env.put(name, scalar.getTag().equals(Tag.NULL) ? "" : scalar.getValue());
		});
		return env;
	}

	private RestartPolicy restart(NodeTuple key) {
		String value = string(key);
		if (value == null) {
			return RestartPolicy.ON_FAILURE;
		}
		for (RestartPolicy policy : RestartPolicy.values()) {
			if (policy.label().equals(value)) {
				return policy;
			}
		}
		throw error(key.getValueNode(), "restart is 'always', 'on-failure' or 'no', not '" + value + "'");
	}

	/** {@code health: /actuator/health}, {@code health: tcp}, or {@code {mode: http, path: /x}}. */
	private HealthMode health(NodeTuple key) {
		if (key == null) {
			return null;
		}
		Node value = key.getValueNode();
		String mode;
		String path;
		if (value instanceof MappingNode) {
			Map<String, NodeTuple> parts = mapping(value, "'health'", List.of("mode", "path"));
			mode = string(parts.get("mode"));
			path = string(parts.get("path"));
		}
		else {
			String given = string(key);
			mode = given != null && given.startsWith("/") ? null : given;
			path = given != null && given.startsWith("/") ? given : null;
		}
		try {
			return HealthMode.fromOptions(mode, path);
		}
		catch (LocalDbException ex) {
			throw error(value, ex.getMessage().replace("--health-path", "path").replace("--health", "health")
				.replaceFirst("\\.$", ""));
		}
	}

	private List<ProjectName> dependencies(NodeTuple key) {
		return names(key, ProjectName::isValid, "depends_on lists project names, e.g. depends_on: [api, db]").stream()
			.map(ProjectName::of)
			.toList();
	}

	private Integer port(NodeTuple key) {
		return key == null ? null : number(key, 1, 65535, "port");
	}

	private int number(NodeTuple key, int low, int high, String what) {
		Node value = key.getValueNode();
		if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
			try {
				int number = Integer.parseInt(scalar.getValue());
				if (number >= low && number <= high) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// said below
			}
		}
		throw error(value, what + " must be a number from " + low + " to " + high);
	}

	/** {@code ports: [debug, metrics]}: more ports, given as PORT_DEBUG and PORT_METRICS. */
	private List<String> portNames(NodeTuple key) {
		return names(key, PortKey::isPortName, "ports lists names of more ports, each " + PortKey.PORT_NAME_RULE
				+ ", once, e.g. ports: [debug, metrics]");
	}

	/** A list of names, or one name alone; each valid and given once. */
	private List<String> names(NodeTuple key, Predicate<String> valid, String rule) {
		if (key == null) {
			return List.of();
		}
		Node value = key.getValueNode();
		List<Node> items = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
		List<String> names = new ArrayList<>();
		for (Node item : items) {
			if (!(item instanceof ScalarNode scalar) || !valid.test(scalar.getValue()) || names.contains(scalar.getValue())) {
				throw error(item, rule);
			}
			names.add(scalar.getValue());
		}
		return names;
	}

	private boolean bool(NodeTuple key) {
		if (key == null) {
			return false;
		}
		Node value = key.getValueNode();
		if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
			return Boolean.parseBoolean(scalar.getValue());
		}
		throw error(value, ((ScalarNode) key.getKeyNode()).getValue() + " must be true or false");
	}

	private Duration duration(NodeTuple key) {
		String value = string(key);
		if (value == null) {
			return null;
		}
		try {
			Duration parsed = DurationStyle.detectAndParse(value);
			if (!parsed.isNegative()) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// said below
		}
		throw error(key.getValueNode(), "stop_grace takes a duration such as 10s, 500ms or 1m, not '" + value + "'");
	}

	/** A scalar's text: a string, or a number or boolean written plainly; null when absent or null. */
	private String string(NodeTuple key) {
		if (key == null) {
			return null;
		}
		Node value = key.getValueNode();
		if (value instanceof ScalarNode scalar) {
			return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
		}
		throw error(value, ((ScalarNode) key.getKeyNode()).getValue() + " must be a single value, not a "
				+ (value instanceof SequenceNode ? "list" : "mapping"));
	}

	/**
	 * A mapping's entries by key, in order; each key a plain scalar written once, and one of
	 * {@code allowed} (any, when null).
	 */
	private Map<String, NodeTuple> mapping(Node node, String what, List<String> allowed) {
		if (!(node instanceof MappingNode mapping)) {
			throw error(node, what + " must be a mapping of keys to values");
		}
		Map<String, NodeTuple> entries = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				throw error(tuple.getKeyNode(), "a key must be a plain word");
			}
			if (allowed != null && !allowed.contains(key.getValue())) {
				throw error(key, "unknown key '" + key.getValue() + "' in " + what + Suggestion.nearest(key.getValue(), allowed));
			}
			if (entries.putIfAbsent(key.getValue(), tuple) != null) {
				throw error(key, "'" + key.getValue() + "' is given twice in " + what);
			}
		}
		return entries;
	}

	/** Unknown dependencies and cycles, each named where it is written. */
	private void checkDependencies(List<ProjectDefinition> definitions, Map<String, NodeTuple> byName) {
		Map<ProjectName, ProjectDefinition> known = new LinkedHashMap<>();
		definitions.forEach(definition -> known.put(definition.name(), definition));
		for (ProjectDefinition definition : definitions) {
			for (ProjectName dependency : definition.dependsOn()) {
				if (!known.containsKey(dependency)) {
					throw error(DependencyOrder.whereWritten(byName, definition.name(), dependency), "'" + definition.name()
							+ "' depends on '" + dependency + "', which this file does not define"
							+ Suggestion.nearest(dependency.value(), known.keySet().stream().map(ProjectName::value).toList()));
				}
			}
		}
		List<ProjectName> cycle = DependencyOrder.cycle(known);
		if (!cycle.isEmpty()) {
			throw error(DependencyOrder.whereWritten(byName, cycle.get(0), cycle.get(1)), "a dependency cycle: "
					+ String.join(" -> ", cycle.stream().map(ProjectName::value).toList()));
		}
	}

	private LocalDbException error(Node node, String message) {
		return new LocalDbException(Failure.USAGE, location(node.getStartMark()) + message + ".");
	}

	/** FILE:LINE:COLUMN: (SnakeYAML counts from 0, editors from 1). */
	private String location(Mark mark) {
		return mark == null ? this.shown + ": " : this.shown + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
	}

}
