package dev.localdb.cleanup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hourly cleanup: on in the interactive and {@code serve} modes, off for one-shot commands
 * ({@code localdb.cleanup.scheduled}). Scheduling itself is switched on once, in
 * {@code system.BackgroundWork}: this flag turns off the cleanup job and nothing else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "localdb.cleanup.scheduled", matchIfMissing = true)
class SchedulingConfiguration {

	@Bean
	ScheduledCleanup scheduledCleanup(StaleAllocationCleaner cleaner) {
		return new ScheduledCleanup(cleaner);
	}

}
