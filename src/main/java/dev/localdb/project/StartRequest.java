package dev.localdb.project;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.registry.ServerInfo;

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
		Duration stopGrace) {

	public StartRequest {
		if (project == null) {
			throw new IllegalArgumentException("project is required");
		}
		command = blankToNull(command);
		host = blankToNull(host);
		directory = blankToNull(directory);
		environment = environment == null ? null : Map.copyOf(environment);
	}

	public static StartRequest of(ProjectName project) {
		return new StartRequest(project, null, null, null, null, null, null, null, null, null);
	}

	public StartRequest withPort(Integer port) {
		return new StartRequest(this.project, port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace);
	}

	public StartRequest withCommand(String command) {
		return new StartRequest(this.project, this.port, command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace);
	}

	public StartRequest withHost(String host) {
		return new StartRequest(this.project, this.port, this.command, host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace);
	}

	/** The directory a {@code --command} was given in, and the user's environment there. */
	public StartRequest withInvocation(String directory, Map<String, String> environment) {
		return new StartRequest(this.project, this.port, this.command, this.host, directory, environment,
				this.health, this.restart, this.noPortFlag, this.stopGrace);
	}

	public StartRequest withHealth(HealthMode health) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				health, this.restart, this.noPortFlag, this.stopGrace);
	}

	public StartRequest withRestart(RestartPolicy restart) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, restart, this.noPortFlag, this.stopGrace);
	}

	/** True: run the command as given, even when it is a dev server known to ignore $PORT. */
	public StartRequest withNoPortFlag(Boolean noPortFlag) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, noPortFlag, this.stopGrace);
	}

	/** How long a restart waits after SIGTERM before SIGKILL, for this command only. */
	public StartRequest withStopGrace(Duration stopGrace) {
		return new StartRequest(this.project, this.port, this.command, this.host, this.directory, this.environment,
				this.health, this.restart, this.noPortFlag, stopGrace);
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
		HealthMode keptHealth = this.health != null ? this.health
				: this.command != null ? null : known.map(RememberedProject::health).orElse(null);
		RestartPolicy keptRestart = this.restart != null ? this.restart
				: known.map(RememberedProject::restart).orElse(null);
		Boolean keptNoPortFlag = this.noPortFlag != null ? this.noPortFlag
				: known.map(RememberedProject::noPortFlag).orElse(null);
		return new StartRequest(this.project, keptPort, keptCommand, keptHost, keptDirectory, this.environment,
				keptHealth, keptRestart, keptNoPortFlag, this.stopGrace);
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
