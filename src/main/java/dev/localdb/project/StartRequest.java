package dev.localdb.project;

import java.util.Map;
import java.util.Optional;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * What {@code localdb start} was asked for. {@code port}, {@code command}, {@code host} and
 * {@code directory} may be null: no preferred port, LocalDB Studio, the configured host, and the
 * directory the command was given in (where a {@code --command} runs). {@code environment} is the
 * user's (null: this process's); the server gets it plus PORT, PROJECT_NAME and LOCALDB_HOST.
 * {@code health} is how the daemon checks the server: {@code tcp}, an HTTP path, or null for the
 * default ({@code /health} for LocalDB Studio, {@code /} for a command).
 */
public record StartRequest(ProjectName project, Integer port, String command, String host, String directory,
		Map<String, String> environment, String health, String restart) {

	public StartRequest {
		if (project == null) {
			throw new IllegalArgumentException("project is required");
		}
		if (command != null && command.isBlank()) {
			command = null;
		}
		if (host != null && host.isBlank()) {
			host = null;
		}
		if (directory != null && directory.isBlank()) {
			directory = null;
		}
		environment = environment == null ? null : Map.copyOf(environment);
		if (health != null && health.isBlank()) {
			health = null;
		}
		if (restart != null && !restart.equals("on-failure") && !restart.equals("no")) {
			throw new LocalDbException(Failure.USAGE, "--restart takes 'on-failure' or 'no', not '" + restart + "'.");
		}
		if (health != null && !health.equals("tcp") && !health.startsWith("/")) {
			throw new LocalDbException(Failure.USAGE, "--health takes 'tcp' or 'http', and --health-path a path "
					+ "starting with '/', e.g. --health-path /healthz.");
		}
	}

	public StartRequest(ProjectName project, Integer port, String command, String host, String directory,
			Map<String, String> environment, String health) {
		this(project, port, command, host, directory, environment, health, null);
	}

	public StartRequest(ProjectName project, Integer port, String command, String host, String directory,
			Map<String, String> environment) {
		this(project, port, command, host, directory, environment, null, null);
	}

	public StartRequest(ProjectName project, Integer port, String command, String host) {
		this(project, port, command, host, null, null, null, null);
	}

	public StartRequest(ProjectName project, Integer port, String command, String host, String directory) {
		this(project, port, command, host, directory, null, null, null);
	}

	/**
	 * What was given again wins; the rest comes from what LocalDB remembers of the project (its
	 * command with the directory it was given in, its host, the port it last had), else from the
	 * server that ran, else from the port the registry still holds. A new {@code --command} runs in
	 * the directory it was given in.
	 */
	StartRequest orFrom(Optional<RememberedProject> remembered, Optional<ServerInfo> previous,
			Optional<Allocation> allocation) {
		Optional<RememberedProject> known = remembered.or(() -> previous
			.map(info -> new RememberedProject(info.command(), null, info.host(), info.port())));
		Integer keptPort = this.port != null ? this.port
				: known.map(RememberedProject::port).or(() -> allocation.map(Allocation::port)).orElse(null);
		String keptCommand = this.command != null ? this.command : known.map(RememberedProject::command).orElse(null);
		String keptDirectory = this.command != null ? this.directory
				: known.map(RememberedProject::directory).orElse(this.directory);
		String keptHost = this.host != null ? this.host : known.map(RememberedProject::host).orElse(null);
		String keptHealth = this.health != null ? this.health
				: this.command != null ? null : known.map(RememberedProject::health).orElse(null);
		String keptRestart = this.restart != null ? this.restart : known.map(RememberedProject::restart).orElse(null);
		return new StartRequest(this.project, keptPort, keptCommand, keptHost, keptDirectory, this.environment,
				keptHealth, keptRestart);
	}

}
