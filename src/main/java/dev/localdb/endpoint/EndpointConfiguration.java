package dev.localdb.endpoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.registry.RegistryService;
import dev.localdb.system.RuntimePaths;

/** The {@code ports} actuator endpoint and the registry health check. */
@Configuration(proxyBeanMethods = false)
class EndpointConfiguration {

	@Bean
	PortsEndpoint portsEndpoint(RegistryService registry, StaleAllocationCleaner cleaner) {
		return new PortsEndpoint(registry, cleaner);
	}

	@Bean
	RegistryHealthIndicator registryHealthIndicator(RuntimePaths paths, RegistryService registry) {
		return new RegistryHealthIndicator(paths, registry);
	}

}
