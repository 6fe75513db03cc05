package dev.localdb.projectfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.localdb.project.StartRequest;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RestartPolicy;

/**
 * One project of a {@code localdb.yml}, as {@code start} would be given it: its command, the
 * directory it runs in (the file's directory, or one relative to it), its variables ({@code env}
 * over those of {@code env_file}), how it is checked and restarted, the projects it depends on, how
 * many servers of it run ({@code instances}, a cluster) and the names of its further ports.
 * Null means what {@code start} does when the option is not given, except {@code restart}, which a
 * file's project always has ({@code on-failure} unless it says otherwise). {@code where} is where its
 * name is written, {@code localdb.yml:3:3: }, for messages about it.
 */
record ProjectDefinition(ProjectName name, String command, Path directory, Map<String, String> env, Path envFile,
		RestartPolicy restart, HealthMode health, List<ProjectName> dependsOn, Integer port, String host,
		boolean noPortFlag, Duration stopGrace, int instances, List<String> ports, String where) {

	ProjectDefinition {
		env = Map.copyOf(env);
		ports = List.copyOf(ports);
		dependsOn = List.copyOf(dependsOn);
		Objects.requireNonNull(restart, "restart");
	}

	/** Its variables: the env_file's (read by {@code envFiles}), then env over them. */
	Map<String, String> variables(Function<Path, Map<String, String>> envFiles) {
		Map<String, String> variables = new HashMap<>();
		if (this.envFile != null) {
			variables.putAll(envFiles.apply(this.envFile));
		}
		variables.putAll(this.env);
		return variables;
	}

	/** How {@code start} is asked for it, for a user whose shell has {@code shell}. */
	StartRequest request(Map<String, String> variables, Map<String, String> shell) {
		return StartRequest.of(this.name)
			.withPort(this.port)
			.withCommand(this.command)
			.withHost(this.host)
			.withInvocation(this.directory.toString(), shell)
			.withHealth(this.health)
			.withRestart(this.restart)
			// false, not null: a flag dropped from the file must not linger from a previous start
			.withNoPortFlag(this.noPortFlag)
			.withStopGrace(this.stopGrace)
			.withVariables(variables)
			.withInstances(this.instances)
			.withPorts(this.ports);
	}

	/**
	 * Whether the server LocalDB remembers runs this definition. The port is a preference, as with
	 * {@code --port} (a busy one gives another, which is no change), and the user's shell is not
	 * part of it; a host left out of the file is whatever the project has.
	 */
	boolean runsAs(RememberedProject remembered, RememberedProject.Layout layout, Map<String, String> rememberedVariables,
			Map<String, String> variables) {
		return Objects.equals(this.command, remembered.command())
				&& Objects.equals(this.directory.toString(), remembered.directory())
				&& (this.host == null || this.host.equals(remembered.host()))
				&& Objects.equals(this.health, remembered.health())
				&& Objects.equals(this.restart == RestartPolicy.NO ? null : this.restart, remembered.restart())
				&& this.noPortFlag == Boolean.TRUE.equals(remembered.noPortFlag())
				&& variables.equals(rememberedVariables)
				&& this.instances == layout.instances()
				&& Set.copyOf(this.ports).equals(layout.ports().keySet());
	}

}
