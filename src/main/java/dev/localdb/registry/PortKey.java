package dev.localdb.registry;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The name of one entry of the registry's {@code ports} object: a project's own port ({@code api}),
 * one more instance of a cluster ({@code api#2}), or a named port of an instance ({@code api:debug},
 * {@code api#2:debug}). {@code #} and {@code :} are never part of a {@link ProjectName}, so no entry
 * can collide with a project's, and the seed's file stays readable: one entry per port.
 */
public record PortKey(ProjectName project, int instance, String port) implements Comparable<PortKey> {

	/** The rule for the names of {@code --ports}: they become variables, PORT_DEBUG. */
	public static final String PORT_NAME_RULE = "a lowercase letter, then up to 30 lowercase letters, digits or '_'";

	/** How many instances one project may run: each needs a port, and a cluster is a few servers. */
	public static final int MAX_INSTANCES = 32;

	private static final Pattern PORT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

	private static final Pattern KEY = Pattern.compile("([^#:]+)(?:#([0-9]{1,3}))?(?::(.+))?");

	private static final Comparator<PortKey> ORDER = Comparator.comparing(PortKey::project)
		.thenComparingInt(PortKey::instance)
		.thenComparing(key -> key.port() == null ? "" : key.port());

	public PortKey {
		if (project == null) {
			throw new IllegalArgumentException("project is required");
		}
		if (instance < 1 || instance > MAX_INSTANCES) {
			throw new IllegalArgumentException("instance " + instance + " is outside 1-" + MAX_INSTANCES);
		}
		if (port != null && !PORT_NAME.matcher(port).matches()) {
			throw new LocalDbException(Failure.USAGE, "Invalid port name '" + port + "': use " + PORT_NAME_RULE
					+ ", e.g. --ports debug,metrics.");
		}
	}

	/** The project's own port (and its first instance). */
	public static PortKey of(ProjectName project) {
		return new PortKey(project, 1, null);
	}

	/** Instance {@code instance} of the project's cluster (1: the project's own entry). */
	public static PortKey instance(ProjectName project, int instance) {
		return new PortKey(project, instance, null);
	}

	/** This instance's port called {@code name}. */
	public PortKey named(String name) {
		return new PortKey(this.project, this.instance, name);
	}

	/** The instance this key belongs to (itself, unless it names a port). */
	public PortKey server() {
		return this.port == null ? this : instance(this.project, this.instance);
	}

	/** True for the project's own entry, {@code api}. */
	public boolean isProject() {
		return this.instance == 1 && this.port == null;
	}

	public static boolean isPortName(String name) {
		return name != null && PORT_NAME.matcher(name).matches();
	}

	@JsonCreator
	public static PortKey parse(String value) {
		Matcher matcher = KEY.matcher(value == null ? "" : value);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + value + "' is not a registry entry name");
		}
		try {
			ProjectName project = ProjectName.of(matcher.group(1));
			int instance = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
			if (matcher.group(2) != null && instance < 2) {
				// api#1 would be a second name for api
				throw new IllegalArgumentException("'" + value + "' names instance 1, which is '" + project + "'");
			}
			return new PortKey(project, instance, matcher.group(3));
		}
		catch (LocalDbException ex) {
			throw new IllegalArgumentException("'" + value + "' is not a registry entry name", ex);
		}
	}

	@JsonValue
	@Override
	public String toString() {
		return this.project + (this.instance > 1 ? "#" + this.instance : "") + (this.port != null ? ":" + this.port : "");
	}

	@Override
	public int compareTo(PortKey other) {
		return ORDER.compare(this, other);
	}

}
