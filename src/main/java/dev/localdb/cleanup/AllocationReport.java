package dev.localdb.cleanup;

import java.time.Instant;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;

/** An allocation as {@code ports --json} and the actuator show it: with whether it is live. */
public record AllocationReport(ProjectName project, int port, Instant allocatedAt, long pid, Allocation.State state,
		boolean alive) {

	static AllocationReport of(ProjectName project, Allocation allocation, boolean alive) {
		return new AllocationReport(project, allocation.port(), Instant.ofEpochMilli(allocation.allocatedAt()),
				allocation.pid(), allocation.state(), alive);
	}

}
