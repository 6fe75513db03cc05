package dev.localdb.endpoint;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.share.Shares;
import dev.localdb.web.WebPort;

/**
 * The {@code ports} actuator endpoint, present only where it is exposed (as Spring Boot wires its
 * own endpoints), and the registry health check.
 */
@Configuration(proxyBeanMethods = false)
class EndpointConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	PortsEndpoint portsEndpoint(StaleAllocationCleaner cleaner, ObjectProvider<EndpointJsonMapper> json,
			RuntimePaths paths, ObjectProvider<Shares> shares) {
		return new PortsEndpoint(cleaner, json.getIfAvailable(() -> PortsEndpoint::actuatorMapper).get(),
				() -> WebPort.servedPort(paths.home()),
				Shares.statusesOf(shares));
	}

	@Bean
	ProjectsHealthIndicator projectsHealthIndicator(StaleAllocationCleaner cleaner) {
		return new ProjectsHealthIndicator(cleaner);
	}

	@Bean
	RegistryHealthIndicator registryHealthIndicator(RuntimePaths paths, RegistryService registry) {
		return new RegistryHealthIndicator(paths, registry);
	}

}
