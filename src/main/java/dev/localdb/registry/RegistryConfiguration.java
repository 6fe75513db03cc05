package dev.localdb.registry;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.system.LocalDbHome;

/** The registry file, the server.json files and where they live. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

	@Bean
	RuntimePaths runtimePaths(LocalDbHome home) {
		return new RuntimePaths(home.home());
	}

	@Bean
	ServerInfoStore serverInfoStore(RuntimePaths paths) {
		return new ServerInfoStore(paths);
	}

	@Bean
	RegistryService registryService(RuntimePaths paths, ServerInfoStore servers, ProcessTable processes,
			PortProbe probe, Clock clock) {
		return new RegistryService(paths, servers, processes, probe, clock);
	}

}
