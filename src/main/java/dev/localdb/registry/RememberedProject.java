package dev.localdb.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What LocalDB remembers of a project between runs, in {@code runtime/<project>/.studio/project.json}:
 * the command (null for LocalDB Studio) and the directory it runs in, the address its server
 * listens on, and the port it last had (its preferred port). It survives {@code stop}; {@code forget}
 * (or removing the directory) ends it. {@code health} is how the daemon checks it (null for the
 * default). {@code restart} is the policy (null for none: {@link RestartPolicy#NO} is written as
 * nothing) and {@code restarts} how often the daemon restarted it since it was last started by hand.
 * {@code no_port_flag} (written only when true) keeps LocalDB from passing {@code --port} to a dev
 * server that ignores $PORT. {@code restarted_at} are the times of the daemon's restarts (the last
 * {@value #KEPT_RESTARTS}) and {@code gave_up} when it gave up restarting, since the last start by
 * hand.
 */
@JsonPropertyOrder({ "command", "directory", "host", "port", "health", "restart", "restarts", "no_port_flag",
		"restarted_at", "gave_up" })
public record RememberedProject(String command, String directory, String host, Integer port, HealthMode health,
		RestartPolicy restart, int restarts,
		@JsonProperty("no_port_flag") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean noPortFlag,
		@JsonProperty("restarted_at") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Instant> restartedAt,
		@JsonProperty("gave_up") @JsonInclude(JsonInclude.Include.NON_NULL) GaveUp gaveUp) {

	public RememberedProject {
		if (command != null && command.isBlank()) {
			command = null;
		}
		if (restart == RestartPolicy.NO) {
			restart = null;
		}
		if (!Boolean.TRUE.equals(noPortFlag)) {
			noPortFlag = null;
		}
		restartedAt = restartedAt == null ? List.of()
				: List.copyOf(restartedAt.subList(Math.max(0, restartedAt.size() - KEPT_RESTARTS), restartedAt.size()));
		if (port != null && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("'port' is " + port + ", outside 1-65535");
		}
	}

	static final int KEPT_RESTARTS = 20;

	/** A project as started by hand: no restarts yet. */
	public RememberedProject(String command, String directory, String host, Integer port, HealthMode health,
			RestartPolicy restart, int restarts, Boolean noPortFlag) {
		this(command, directory, host, port, health, restart, restarts, noPortFlag, List.of(), null);
	}

	public RememberedProject(String command, String directory, String host, Integer port) {
		this(command, directory, host, port, null, null, 0, null);
	}

	public boolean restartsOnFailure() {
		return this.restart != null && this.restart.restartsOnExit();
	}

	/** The daemon restarted it at {@code at}, its {@code restarts}-th restart since the last start by hand. */
	public RememberedProject restarted(int restarts, Instant at, List<Instant> earlier) {
		List<Instant> times = new ArrayList<>(earlier);
		times.add(at);
		return new RememberedProject(this.command, this.directory, this.host, this.port, this.health, this.restart,
				restarts, this.noPortFlag, times, null);
	}

	/** The daemon gave up restarting it. */
	public RememberedProject givenUp(GaveUp gaveUp) {
		return new RememberedProject(this.command, this.directory, this.host, this.port, this.health, this.restart,
				this.restarts, this.noPortFlag, this.restartedAt, gaveUp);
	}

	/**
	 * The environment a project's server gets, remembered in {@code runtime/<project>/.studio/env.json}
	 * (mode 0600, like every state file, in the 0700 runtime tree) and never in project.json, whose
	 * contents {@code list} and the dashboard show: {@code variables} are those of {@code --env} and
	 * {@code --env-file}, {@code shell} the environment of the user's shell at the last start by
	 * hand (null when none was known), so a restart by the daemon's supervisor sees what the user's
	 * shell had, not the daemon's. Values are secrets: nothing shows them.
	 */
	@JsonPropertyOrder({ "variables", "shell" })
	public record Environment(Map<String, String> variables, Map<String, String> shell) {

		public Environment {
			variables = variables == null ? Map.of() : Map.copyOf(variables);
			shell = shell == null ? null : Map.copyOf(shell);
		}

		/** Sorted, so the file reads the same however the maps were built. */
		@Override
		public Map<String, String> variables() {
			return new TreeMap<>(this.variables);
		}

		@Override
		public Map<String, String> shell() {
			return this.shell == null ? null : new TreeMap<>(this.shell);
		}

		/** Names only: what may be shown. */
		@Override
		public String toString() {
			return "Environment" + new TreeMap<>(this.variables).keySet();
		}

	}

	/**
	 * The shape of a project, remembered in {@code runtime/<project>/.studio/layout.json} like its
	 * environment, for every later start and restart: how many instances its cluster runs (1: no
	 * cluster) and its named ports ({@code --ports}), each with the port its first instance last had
	 * (null: none yet), so a start after a stop asks for the same one.
	 */
	@JsonPropertyOrder({ "instances", "ports" })
	public record Layout(int instances, Map<String, Integer> ports) {

		public Layout {
			if (instances < 1 || instances > PortKey.MAX_INSTANCES) {
				throw new IllegalArgumentException("'instances' is " + instances + ", outside 1-" + PortKey.MAX_INSTANCES);
			}
			Map<String, Integer> sorted = new TreeMap<>();
			if (ports != null) {
				ports.forEach((name, port) -> {
					if (!PortKey.isPortName(name)) {
						throw new IllegalArgumentException("'" + name + "' is not a port name");
					}
					if (port != null && (port < 1 || port > 65535)) {
						throw new IllegalArgumentException("'" + name + "' is " + port + ", outside 1-65535");
					}
					sorted.put(name, port);
				});
			}
			ports = Collections.unmodifiableMap(sorted);
		}

		public static final Layout SINGLE = new Layout(1, Map.of());

		/** The port names, in order. */
		public List<String> portNames() {
			return List.copyOf(this.ports.keySet());
		}

		public Layout withInstances(int instances) {
			return new Layout(instances, this.ports);
		}

		/** With these port names (what is known of a name kept), or these ones when null. */
		public Layout withPortNames(List<String> names) {
			if (names == null) {
				return this;
			}
			Map<String, Integer> kept = new TreeMap<>();
			names.forEach(name -> kept.put(name, this.ports.get(name)));
			return new Layout(this.instances, kept);
		}

		/** With the port the first instance's {@code name} now has. */
		public Layout withPort(String name, int port) {
			Map<String, Integer> changed = new TreeMap<>(this.ports);
			changed.put(name, port);
			return new Layout(this.instances, changed);
		}

	}

}
