package dev.localdb.registry;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What LocalDB remembers of a project between runs, in {@code runtime/<project>/.studio/project.json}:
 * the command (null for LocalDB Studio) and the directory it runs in, the address its server
 * listens on, and the port it last had (its preferred port). It survives {@code stop}; {@code forget}
 * (or removing the directory) ends it. {@code health} is how the daemon checks it: {@code tcp}, or an
 * HTTP path such as {@code /health}; null for the default. {@code restart} is the policy
 * ({@code on-failure}, or null for none) and {@code restarts} how often the daemon restarted it
 * since it was last started by hand.
 */
@JsonPropertyOrder({ "command", "directory", "host", "port", "health", "restart", "restarts" })
public record RememberedProject(String command, String directory, String host, Integer port, String health,
		String restart, int restarts) {

	public RememberedProject {
		if (command != null && command.isBlank()) {
			command = null;
		}
		if (health != null && health.isBlank()) {
			health = null;
		}
		if (port != null && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("'port' is " + port + ", outside 1-65535");
		}
	}

	public RememberedProject(String command, String directory, String host, Integer port) {
		this(command, directory, host, port, null, null, 0);
	}

	public boolean restartsOnFailure() {
		return "on-failure".equals(this.restart);
	}

	public RememberedProject restartedOnce() {
		return new RememberedProject(this.command, this.directory, this.host, this.port, this.health, this.restart,
				this.restarts + 1);
	}

}
