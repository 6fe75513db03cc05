package dev.localdb.cleanup;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.os.ProcessTable;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;

/** The cleanup rules and their meters ({@code localdb.cleanup.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CleanupProperties.class)
class CleanupConfiguration {

	@Bean
	CleanupMetrics cleanupMetrics(RegistryService registry) {
		return new CleanupMetrics(registry);
	}

	@Bean
	StaleAllocationCleaner staleAllocationCleaner(RegistryService registry, ServerInfoStore servers,
			ProcessTable processes, Clock clock, CleanupProperties properties,
			ObjectProvider<CleanupMetrics> metrics) {
		return new StaleAllocationCleaner(registry, servers, processes, clock, properties.startGrace(),
				properties.interval(), result -> metrics.ifAvailable(m -> m.accept(result)));
	}

}
