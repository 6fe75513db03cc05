package dev.localdb.registry;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What LocalDB remembers of a project between runs, in {@code runtime/<project>/.studio/project.json}:
 * the command (null for LocalDB Studio) and the directory it runs in, the address its server
 * listens on, and the port it last had (its preferred port). It survives {@code stop}; {@code forget}
 * (or removing the directory) ends it. {@code health} is how the daemon checks it: {@code tcp}, or an
 * HTTP path such as {@code /health}; null for the default.
 */
@JsonPropertyOrder({ "command", "directory", "host", "port", "health" })
public record RememberedProject(String command, String directory, String host, Integer port, String health) {

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
		this(command, directory, host, port, null);
	}

}
