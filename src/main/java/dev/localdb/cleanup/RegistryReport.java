package dev.localdb.cleanup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every allocation with whether it is live, and when cleanup last ran (empty: never). Its JSON is
 * the answer of {@code ports --json} and of {@code GET /actuator/ports}.
 */
public record RegistryReport(List<AllocationReport> allocations, Optional<Instant> lastCleanup) {

	public RegistryReport {
		allocations = List.copyOf(allocations);
	}

}
