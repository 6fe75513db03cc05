package dev.localdb.cleanup;

import java.time.Instant;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;

/**
 * An allocation as {@code ports --json} and the actuator show it: with whether it is live, the
 * daemon's last health check of its server (null when it has none), and its registry entry's name
 * ({@code api}; an instance of a cluster {@code api#2}, a named port {@code api:debug}).
 */
public record AllocationReport(ProjectName project, int port, Instant allocatedAt, long pid, Allocation.State state,
		boolean alive, HealthRecord health, PortKey entry) {

	static AllocationReport of(PortKey entry, Allocation allocation, boolean alive, HealthRecord health) {
		return new AllocationReport(entry.project(), allocation.port(), Instant.ofEpochMilli(allocation.allocatedAt()),
				allocation.pid(), allocation.state(), alive, health, entry);
	}

}
