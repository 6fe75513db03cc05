package dev.localdb.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.localdb.cleanup.ScheduledCleanup;
import dev.localdb.cleanup.StaleAllocationCleaner;

/** The hourly cleanup: on in the interactive and {@code serve} modes, off for one-shot commands. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "localdb.cleanup.scheduled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {

	@Bean
	ScheduledCleanup scheduledCleanup(StaleAllocationCleaner cleaner) {
		return new ScheduledCleanup(cleaner);
	}

}
