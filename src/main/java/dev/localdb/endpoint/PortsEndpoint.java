package dev.localdb.endpoint;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.localdb.cleanup.AllocationReport;
import dev.localdb.cleanup.CleanupResult;
import dev.localdb.cleanup.RegistryReport;
import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.registry.ProjectName;

/**
 * {@code /actuator/ports}: every allocation ({@code GET}), one project's ({@code GET
 * /actuator/ports/{project}}, 404 when it holds none), and the cleanup ({@code POST}). The answers
 * are the same records {@code ports --json} and {@code ports --cleanup --json} print.
 */
@Endpoint(id = "ports")
class PortsEndpoint {

	private final StaleAllocationCleaner cleaner;

	PortsEndpoint(StaleAllocationCleaner cleaner) {
		this.cleaner = cleaner;
	}

	@ReadOperation
	RegistryReport ports() {
		return this.cleaner.report();
	}

	/**
	 * @return the allocation, or null (404) when the project holds none
	 * @throws dev.localdb.system.LocalDbException (400) when the name is not a valid project name
	 */
	@ReadOperation
	AllocationReport allocation(@Selector String project) {
		return this.cleaner.report(ProjectName.of(project)).orElse(null);
	}

	@WriteOperation
	CleanupResult cleanup() {
		return this.cleaner.cleanup();
	}

}
