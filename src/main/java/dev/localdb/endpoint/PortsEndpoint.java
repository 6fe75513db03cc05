package dev.localdb.endpoint;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.localdb.cleanup.AllocationReport;
import dev.localdb.cleanup.CleanupResult;
import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Registry;
import dev.localdb.registry.RegistryService;

/**
 * {@code /actuator/ports}: every allocation ({@code GET}), one project's ({@code GET
 * /actuator/ports/{project}}, 404 when it holds none), and the cleanup ({@code POST}).
 */
@Endpoint(id = "ports")
public class PortsEndpoint {

	private final RegistryService registry;

	private final StaleAllocationCleaner cleaner;

	public PortsEndpoint(RegistryService registry, StaleAllocationCleaner cleaner) {
		this.registry = registry;
		this.cleaner = cleaner;
	}

	@ReadOperation
	public PortsDescriptor ports() {
		Registry snapshot = this.registry.read();
		return new PortsDescriptor(this.cleaner.report(snapshot),
				snapshot.lastCleanup() > 0 ? Instant.ofEpochMilli(snapshot.lastCleanup()) : null);
	}

	/**
	 * @return the allocation, or null (404) when the project holds none
	 * @throws dev.localdb.system.LocalDbException (400) when the name is not a valid project name
	 */
	@ReadOperation
	public AllocationReport allocation(@Selector String project) {
		return this.cleaner.report(this.registry.read(), ProjectName.of(project)).orElse(null);
	}

	@WriteOperation
	public CleanupDescriptor cleanup() {
		CleanupResult result = this.cleaner.cleanup();
		return new CleanupDescriptor(result.count(), result.removed()
			.stream()
			.map(removal -> new RemovedAllocation(removal.project(), removal.allocation().port(), removal.reason()))
			.toList(), result.at());
	}

	public record PortsDescriptor(List<AllocationReport> allocations, Instant lastCleanup)
			implements OperationResponseBody {
	}

	public record CleanupDescriptor(int cleaned, List<RemovedAllocation> removed, Instant at)
			implements OperationResponseBody {
	}

	public record RemovedAllocation(ProjectName project, int port, String reason) {
	}

}
