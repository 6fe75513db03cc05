package dev.localdb.project;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.registry.ServerInfo;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * What {@code localdb start} (or {@code restart}) was asked for, built with {@link #of} and the
 * withers. Null means not given: no preferred port, LocalDB Studio, the configured host, the
 * directory the command was given in (where a {@code --command} runs), this process's environment
 * (the server gets it plus PORT, PROJECT_NAME and LOCALDB_HOST), the default health check
 * ({@code /health} for LocalDB Studio, {@code /} for a command), no restart policy, the port flag
 * added to known dev servers, and {@code localdb.servers.stop-grace}.
 */
public record StartRequest(ProjectName project, Integer port, String command, String host, String directory,
		Map<String, String> environment, HealthMode health, RestartPolicy restart, Boolean noPortFlag,
		Duration stopGrace, Map<String, String> variables, Integer instances, List<String> ports) {

	public StartRequest {
		if (project == null) {
			throw new IllegalArgumentException("project is required");
		}
		command = blankToNull(command);
		host = blankToNull(host);
		directory = blankToNull(directory);
		environment = environment == null ? null : Map.copyOf(environment);
		variables = variables == null ? null : Map.copyOf(variables);
		ports = ports == null ? null : List.copyOf(new TreeSet<>(ports));
		if (instances != null && (instances < 1 || instances > PortKey.MAX_INSTANCES)) {
			throw new LocalDbException(Failure.USAGE, "A project runs 1-" + PortKey.MAX_INSTANCES
					+ " servers (--instances, scale), not " + instances
					+ (instances < 1 ? "; to stop every server of it, run 'localdb stop " + project + "'." : "."));
		}
		if (ports != null) {
			ports.stream().filter(name -> !PortKey.isPortName(name)).findFirst().ifPresent(name -> {
				throw new LocalDbException(Failure.USAGE, "Invalid port name '" + name + "' in --ports: use "
						+ PortKey.PORT_NAME_RULE + ", e.g. --ports debug,metrics.");
			});
		}
	}

	public static StartRequest of(ProjectName project) {
		return new StartRequest(project, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	public StartRequest withPort(Integer port) {
		return new StartRequest(this.project, port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace, this.variables, this.instances, this.ports);
	}

	public StartRequest withCommand(String command) {
		return new StartRequest(this.project, this.port, command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace, this.variables, this.instances, this.ports);
	}

	public StartRequest withHost(String host) {
		return new StartRequest(this.project, this.port, this.command, host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace, this.variables, this.instances, this.ports);
	}

	/** The directory a {@code --command} was given in, and the user's environment there. */
	public StartRequest withInvocation(String directory, Map<String, String> environment) {
		return new StartRequest(this.project, this.port, this.command, this.host, directory, environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace, this.variables, this.instances, this.ports);
	}

	public StartRequest withHealth(HealthMode health) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				health, this.restart, this.noPortFlag, this.stopGrace, this.variables, this.instances, this.ports);
	}

	public StartRequest withRestart(RestartPolicy restart) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, restart, this.noPortFlag, this.stopGrace, this.variables, this.instances, this.ports);
	}

	/** True: run the command as given, even when it is a dev server known to ignore $PORT. */
	public StartRequest withNoPortFlag(Boolean noPortFlag) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, noPortFlag, this.stopGrace, this.variables, this.instances, this.ports);
	}

	/** How long a restart waits after SIGTERM before SIGKILL, for this command only. */
	public StartRequest withStopGrace(Duration stopGrace) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, stopGrace, this.variables, this.instances, this.ports);
	}

	/**
	 * The variables of {@code --env} and {@code --env-file}, replacing those remembered; null: the
	 * remembered ones. The server's environment is the user's shell's, these over it, and LocalDB's
	 * own (PORT, PROJECT_NAME, LOCALDB_HOST) over both.
	 */
	public StartRequest withVariables(Map<String, String> variables) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace, variables, this.instances, this.ports);
	}

	/**
	 * How many servers of the project run ({@code --instances}), each on its own port; null: as
	 * remembered (one at first).
	 */
	public StartRequest withInstances(Integer instances) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace, this.variables, instances, this.ports);
	}

	/**
	 * The names of more ports for the project ({@code --ports debug,metrics}: PORT_DEBUG and
	 * PORT_METRICS), replacing those remembered; null: the remembered ones.
	 */
	public StartRequest withPorts(List<String> ports) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace, this.variables, this.instances, ports);
	}

	/** The project's shape: what was given over what is remembered (one instance, no named ports, at first). */
	RememberedProject.Layout layout(Optional<RememberedProject.Layout> remembered) {
		RememberedProject.Layout known = remembered.orElse(RememberedProject.Layout.SINGLE);
		return known.withInstances(this.instances != null ? this.instances : known.instances()).withPortNames(this.ports);
	}

	/**
	 * What was given again wins; the rest comes from what LocalDB remembers of the project (its
	 * command with the directory it was given in, its host, the port it last had), else from the
	 * server that ran, else from the port the registry still holds. A new {@code --command} runs in
	 * the directory it was given in.
	 */
	StartRequest orFrom(Optional<RememberedProject> remembered, Optional<ServerInfo> previous,
			Optional<Allocation> allocation, Optional<RememberedProject.Environment> environment) {
		Optional<RememberedProject> known = remembered.or(() -> previous
			.map(info -> new RememberedProject(info.command(), null, info.host(), info.port())));
		Integer keptPort = this.port != null ? this.port
				: known.map(RememberedProject::port).or(() -> allocation.map(Allocation::port)).orElse(null);
		String keptCommand = this.command != null ? this.command : known.map(RememberedProject::command).orElse(null);
		String keptDirectory = this.command != null ? this.directory
				: known.map(RememberedProject::directory).orElse(this.directory);
		String keptHost = this.host != null ? this.host : known.map(RememberedProject::host).orElse(null);
		HealthMode keptHealth = this.health != null ? this.health
				: this.command != null ? null : known.map(RememberedProject::health).orElse(null);
		RestartPolicy keptRestart = this.restart != null ? this.restart
				: known.map(RememberedProject::restart).orElse(null);
		Boolean keptNoPortFlag = this.noPortFlag != null ? this.noPortFlag
				: known.map(RememberedProject::noPortFlag).orElse(null);
		// the daemon's supervisor has no shell: the one of the last start by hand stands in
		Map<String, String> keptEnvironment = this.environment != null ? this.environment
				: environment.map(RememberedProject.Environment::shell).orElse(null);
		Map<String, String> keptVariables = this.variables != null ? this.variables
				: environment.map(RememberedProject.Environment::variables).orElse(Map.of());
		return new StartRequest(this.project, keptPort, keptCommand, keptHost, keptDirectory, keptEnvironment,
				keptHealth, keptRestart, keptNoPortFlag, this.stopGrace, keptVariables, this.instances, this.ports);
	}

	/** What LocalDB remembers of the environment of a server started with this request (env.json). */
	RememberedProject.Environment rememberedEnvironment() {
		return new RememberedProject.Environment(this.variables, this.environment);
	}

	/**
	 * The environment the server starts from, before LocalDB's own variables: the user's (null:
	 * this process's) with the given variables over it; null when that is this process's as it is.
	 */
	Map<String, String> baseEnvironment() {
		if (this.variables == null || this.variables.isEmpty()) {
			return this.environment;
		}
		Map<String, String> base = new HashMap<>(this.environment != null ? this.environment : System.getenv());
		base.putAll(this.variables);
		return base;
	}

	/** What LocalDB remembers of a project started by hand with this request. */
	RememberedProject remembered(String host, int port) {
		return new RememberedProject(this.command, this.directory, host, port, this.health, this.restart, 0,
				this.noPortFlag);
	}

	private static String blankToNull(String value) {
		return value != null && value.isBlank() ? null : value;
	}

}
