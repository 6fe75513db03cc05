package dev.localdb.registry;

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
 * server that ignores $PORT.
 */
@JsonPropertyOrder({ "command", "directory", "host", "port", "health", "restart", "restarts", "no_port_flag" })
public record RememberedProject(String command, String directory, String host, Integer port, HealthMode health,
		RestartPolicy restart, int restarts,
		@JsonProperty("no_port_flag") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean noPortFlag) {

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
		if (port != null && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("'port' is " + port + ", outside 1-65535");
		}
	}

	public RememberedProject(String command, String directory, String host, Integer port) {
		this(command, directory, host, port, null, null, 0, null);
	}

	public boolean restartsOnFailure() {
		return this.restart == RestartPolicy.ON_FAILURE;
	}

	public RememberedProject restartedOnce() {
		return new RememberedProject(this.command, this.directory, this.host, this.port, this.health, this.restart,
				this.restarts + 1, this.noPortFlag);
	}

	public RememberedProject withRestarts(int restarts) {
		return new RememberedProject(this.command, this.directory, this.host, this.port, this.health, this.restart,
				restarts, this.noPortFlag);
	}

}
