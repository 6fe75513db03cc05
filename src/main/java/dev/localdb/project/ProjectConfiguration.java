package dev.localdb.project;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.finder.ScanService;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.LaunchMode;

/** Project servers: start, stop, restart, list ({@code localdb.servers.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ProjectSettings.class, RestartSettings.class })
class ProjectConfiguration {

	/** Restarting servers that exit on their own is the daemon's job. */
	@Bean
	@ConditionalOnProperty(name = LaunchMode.PROPERTY, havingValue = "serve")
	RestartSupervisor restartSupervisor(RegistryService registry, ServerInfoStore servers, ProcessTable processes,
			ProjectService projects, RestartSettings policy, Clock clock) {
		return new RestartSupervisor(registry, servers, processes, projects, policy, clock);
	}

	@Bean
	ProjectService projectService(RegistryService registry, ServerInfoStore servers, ScanService scanner,
			ProcessTable processes, PortProbe probe, DetachedLauncher launcher, RuntimePaths paths,
			ProjectSettings settings, Clock clock) {
		return new ProjectService(registry, servers, scanner, processes, probe, launcher, paths, settings, clock);
	}

	@Bean
	ProjectCatalog projectCatalog(RegistryService registry, ServerInfoStore servers, ProcessTable processes,
			StaleAllocationCleaner cleaner, RuntimePaths paths, Clock clock) {
		return new ProjectCatalog(registry, servers, processes, cleaner, paths, clock);
	}

}
