package dev.localdb.system;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.cleanup.CleanupMetrics;
import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.finder.ScanService;
import dev.localdb.os.BrowserOpener;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectService;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;

/** The services every mode uses, wired from {@link LocalDbProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalDbProperties.class)
class CoreConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	@Bean
	RuntimePaths runtimePaths(LocalDbProperties properties) {
		return new RuntimePaths(properties.home());
	}

	@Bean
	ProcessTable processTable() {
		return new ProcessTable();
	}

	@Bean
	PortProbe portProbe() {
		return new PortProbe();
	}

	@Bean
	DetachedLauncher detachedLauncher() {
		return new DetachedLauncher();
	}

	@Bean
	BrowserOpener browserOpener() {
		return new BrowserOpener();
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

	@Bean
	CleanupMetrics cleanupMetrics(RegistryService registry) {
		return new CleanupMetrics(registry);
	}

	@Bean
	StaleAllocationCleaner staleAllocationCleaner(RegistryService registry, ServerInfoStore servers,
			ProcessTable processes, Clock clock, LocalDbProperties properties,
			ObjectProvider<CleanupMetrics> metrics) {
		LocalDbProperties.Cleanup cleanup = properties.cleanup();
		return new StaleAllocationCleaner(registry, servers, processes, clock, cleanup.startGrace(),
				cleanup.interval(), result -> metrics.ifAvailable(m -> m.accept(result)));
	}

	@Bean
	ScanService scanService(RegistryService registry, StaleAllocationCleaner cleaner, PortProbe probe,
			ProcessTable processes, ServerInfoStore servers, LocalDbProperties properties) {
		return new ScanService(registry, cleaner, probe, processes, servers, properties.ports().ranges());
	}

	@Bean
	ProjectService projectService(RegistryService registry, ServerInfoStore servers, ScanService scanner,
			ProcessTable processes, PortProbe probe, DetachedLauncher launcher, RuntimePaths paths,
			LocalDbProperties properties, Clock clock) {
		return new ProjectService(registry, servers, scanner, processes, probe, launcher, paths,
				properties.servers().settings(), clock);
	}

	@Bean
	ProjectCatalog projectCatalog(RegistryService registry, ServerInfoStore servers, ProcessTable processes,
			StaleAllocationCleaner cleaner, Clock clock) {
		return new ProjectCatalog(registry, servers, processes, cleaner, clock);
	}

}
