package dev.localdb.finder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;

/** The port finder and the ranges it searches ({@code localdb.ports.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PortRanges.class)
class FinderConfiguration {

	@Bean
	ScanService scanService(RegistryService registry, StaleAllocationCleaner cleaner, PortProbe probe,
			ProcessTable processes, ServerInfoStore servers, PortRanges ranges) {
		return new ScanService(registry, cleaner, probe, processes, servers, ranges);
	}

}
