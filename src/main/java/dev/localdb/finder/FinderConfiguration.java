package dev.localdb.finder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

	private static final Logger log = LoggerFactory.getLogger(FinderConfiguration.class);

	@Bean
	ScanService scanService(RegistryService registry, StaleAllocationCleaner cleaner, PortProbe probe,
			ProcessTable processes, ServerInfoStore servers, PortRanges ranges) {
		warnAboutEphemeralOverlap(ranges, probe);
		return new ScanService(registry, cleaner, probe, processes, servers, ranges);
	}

	/**
	 * A managed port inside the kernel's ephemeral range can be taken at any moment by an outgoing
	 * connection of any program, and is where TCP self-connections happen.
	 */
	private static void warnAboutEphemeralOverlap(PortRanges ranges, PortProbe probe) {
		probe.ephemeralRange().ifPresent(ephemeral -> ranges.overlapping(ephemeral[0], ephemeral[1])
			.forEach(range -> log.warn("Port range {} overlaps the kernel's ephemeral range {}-{} "
					+ "(/proc/sys/net/ipv4/ip_local_port_range): outgoing connections may take its ports. "
					+ "Choose ranges below {}.", range, ephemeral[0], ephemeral[1], ephemeral[0])));
	}

}
