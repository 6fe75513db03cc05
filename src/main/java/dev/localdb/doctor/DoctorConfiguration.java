package dev.localdb.doctor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.finder.PortRanges;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.web.WebPort;

/** {@code doctor}: the registry compared with reality. */
@Configuration(proxyBeanMethods = false)
class DoctorConfiguration {

	@Bean
	Doctor doctor(RuntimePaths paths, RegistryService registry, ServerInfoStore servers, StaleAllocationCleaner cleaner,
			ProcessTable processes, PortProbe probe, PortRanges ranges, ObjectProvider<WebPort> web) {
		return new Doctor(paths, registry, servers, cleaner, processes, probe, ranges, web::getIfAvailable);
	}

}
