package dev.localdb.project;

import java.util.Optional;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;

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

	/**
	 * Restart's request: what was given again wins; the rest comes from the server that ran (its
	 * port, command and host), or the port the registry still holds for the project.
	 */
	StartRequest orFrom(Optional<ServerInfo> previous, Optional<Allocation> allocation) {
		Integer keptPort = this.port != null ? this.port
				: previous.map(ServerInfo::port).or(() -> allocation.map(Allocation::port)).orElse(null);
		String keptCommand = this.command != null ? this.command : previous.map(ServerInfo::command).orElse(null);
		String keptHost = this.host != null ? this.host : previous.map(ServerInfo::host).orElse(null);
		return new StartRequest(this.project, keptPort, keptCommand, keptHost);
	}

}
