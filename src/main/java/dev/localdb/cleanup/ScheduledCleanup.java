package dev.localdb.cleanup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** The hourly cleanup (the interval is {@code localdb.cleanup.interval}) of the web modes. */
class ScheduledCleanup {

	private static final Logger log = LoggerFactory.getLogger(ScheduledCleanup.class);

	private final StaleAllocationCleaner cleaner;

	ScheduledCleanup(StaleAllocationCleaner cleaner) {
		this.cleaner = cleaner;
	}

	@Scheduled(fixedDelayString = "${localdb.cleanup.interval}", initialDelayString = "${localdb.cleanup.interval}")
	public void run() {
		CleanupResult result = this.cleaner.cleanup();
		if (result.count() == 0) {
			log.info("Scheduled cleanup: no stale allocations");
		}
		result.removed()
			.forEach(removal -> log.info("Scheduled cleanup removed {} (port {}): {}", removal.project(),
					removal.port(), removal.reason()));
	}

}
