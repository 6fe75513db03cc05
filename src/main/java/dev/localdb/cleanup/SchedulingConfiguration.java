package dev.localdb.cleanup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The hourly cleanup: on in the interactive and {@code serve} modes, off for one-shot commands. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "localdb.cleanup.scheduled", matchIfMissing = true)
class SchedulingConfiguration {

	@Bean
	ScheduledCleanup scheduledCleanup(StaleAllocationCleaner cleaner) {
		return new ScheduledCleanup(cleaner);
	}

}
