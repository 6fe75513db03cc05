package dev.localdb.endpoint;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.localdb.cleanup.AllocationReport;
import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.registry.HealthRecord;
import dev.localdb.web.Caller;

/**
 * The {@code projects} component of {@code /actuator/health}: how many running projects the daemon
 * found up and down, with the ones down in the details (for the daemon's own user; others get
 * their number only). It is always UP itself: a user's server
 * being down does not make LocalDB unhealthy.
 */
class ProjectsHealthIndicator extends AbstractHealthIndicator {

	private final StaleAllocationCleaner cleaner;

	ProjectsHealthIndicator(StaleAllocationCleaner cleaner) {
		super("The projects' health cannot be read");
		this.cleaner = cleaner;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> down = new TreeMap<>();
		int up = 0;
		for (AllocationReport allocation : this.cleaner.report().allocations()) {
			HealthRecord health = allocation.health();
			if (health == null) {
				continue;
			}
			if (health.status() == HealthRecord.Status.UP) {
				up++;
			}
			else {
				down.put(allocation.project().value(), health.status() + " since " + health.since() + ": " + health.detail());
			}
		}
		// project names are the owner's business: another user of the machine learns only counts
		builder.up().withDetail("up", up).withDetail("down", Caller.isOwner() ? down : down.size());
	}

}
