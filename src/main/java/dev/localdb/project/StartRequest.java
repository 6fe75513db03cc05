package dev.localdb.project;

import dev.localdb.registry.ProjectName;

/**
 * What {@code localdb start} was asked for. {@code port}, {@code command} and {@code host} may be
 * null: no preferred port, LocalDB Studio, the configured host.
 */
public record StartRequest(ProjectName project, Integer port, String command, String host) {

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
	}

	public static StartRequest of(ProjectName project) {
		return new StartRequest(project, null, null, null);
	}

}
