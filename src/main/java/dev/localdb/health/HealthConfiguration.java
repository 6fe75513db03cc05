package dev.localdb.health;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.LaunchMode;

/** Health checks of running projects: the daemon's job ({@code serve}), every {@code localdb.health.interval}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = LaunchMode.PROPERTY, havingValue = "serve")
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {

	@Bean
	HealthMonitor healthMonitor(RegistryService registry, ServerInfoStore servers, ProcessTable processes,
			PortProbe probe, HealthProperties properties, Clock clock) {
		return new HealthMonitor(registry, servers, processes,
				new HealthChecker(probe, processes, properties.timeout(), clock));
	}

}
