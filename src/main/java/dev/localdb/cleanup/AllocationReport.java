package dev.localdb.cleanup;

import java.time.Instant;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;

/**
 * An allocation as {@code ports --json} and the actuator show it: with whether it is live, and the
 * daemon's last health check of its server (null when it has none).
 */
public record AllocationReport(ProjectName project, int port, Instant allocatedAt, long pid, Allocation.State state,
		boolean alive, HealthRecord health) {

	static AllocationReport of(ProjectName project, Allocation allocation, boolean alive, HealthRecord health) {
		return new AllocationReport(project, allocation.port(), Instant.ofEpochMilli(allocation.allocatedAt()),
				allocation.pid(), allocation.state(), alive, health);
	}

}
