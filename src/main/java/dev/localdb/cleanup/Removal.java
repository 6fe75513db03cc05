package dev.localdb.cleanup;

import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;

/**
 * One stale allocation that cleanup removed: the project, the port it held, why it was stale, and
 * the registry entry ({@code api}, or an instance's {@code api#2}, a named port's {@code api:debug}).
 */
public record Removal(ProjectName project, int port, String reason, PortKey entry) {

	public Removal(ProjectName project, int port, String reason) {
		this(project, port, reason, PortKey.of(project));
	}

}
