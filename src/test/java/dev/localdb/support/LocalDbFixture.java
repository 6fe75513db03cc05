package dev.localdb.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.springframework.util.unit.DataSize;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.finder.PortRanges;
import dev.localdb.finder.ScanService;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectService;
import dev.localdb.project.ProjectSettings;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.registry.RuntimePaths;

/** LocalDB's services built with {@code new} on a temp home, the way the application wires them. */
public record LocalDbFixture(RuntimePaths paths, ProcessTable processes, PortProbe probe, ServerInfoStore servers,
		RegistryService registry, StaleAllocationCleaner cleaner, ScanService scanner, ProjectService projects,
		ProjectCatalog catalog) {

	public static final List<String> STUDIO_JVM_OPTIONS = List.of("-Xms2m", "-Xmx16m", "-XX:+UseSerialGC", "-Xint",
			"-Xshare:auto");

	/** Stops the servers of these projects that still run: what a test started, it stops. */
	public void stopServers(Collection<ProjectName> projects) {
		for (ProjectName project : projects) {
			// stopped as a user would: server.json goes first, so no exit is recorded into a directory being deleted
			projects().running(project).ifPresent(info -> {
				try {
					projects().stop(project, Duration.ofSeconds(1));
				}
				catch (RuntimeException ex) {
					processes().terminate(info.processes(), Duration.ofSeconds(1));
				}
			});
		}
	}

	public static LocalDbFixture create(Path home, PortRanges ranges) {
		return create(home, ranges, new PortProbe(), Duration.ofSeconds(5));
	}

	public static LocalDbFixture create(Path home, PortRanges ranges, PortProbe probe, Duration stopGrace) {
		return create(home, ranges, probe, stopGrace, ServerInfoStore::new);
	}

	/** With the server.json store {@code servers} makes, e.g. one whose writes fail. */
	public static LocalDbFixture create(Path home, PortRanges ranges, PortProbe probe, Duration stopGrace,
			Function<RuntimePaths, ServerInfoStore> store) {
		Clock clock = Clock.systemUTC();
		RuntimePaths paths = new RuntimePaths(home);
		ProcessTable processes = new ProcessTable();
		ServerInfoStore servers = store.apply(paths);
		RegistryService registry = new RegistryService(paths, servers, processes, probe, clock);
		StaleAllocationCleaner cleaner = new StaleAllocationCleaner(registry, servers, processes, clock,
				Duration.ofMinutes(2), Duration.ofHours(1), result -> {
				});
		ScanService scanner = new ScanService(registry, cleaner, probe, processes, servers, ranges);
		ProjectSettings settings = new ProjectSettings("127.0.0.1", Duration.ofSeconds(20), stopGrace,
				STUDIO_JVM_OPTIONS, 20, DataSize.ofMegabytes(10), 3, Duration.ofSeconds(5));
		ProjectService projects = new ProjectService(registry, servers, scanner, processes, probe,
				new DetachedLauncher(), paths, settings, clock);
		ProjectCatalog catalog = new ProjectCatalog(registry, servers, processes, cleaner, paths, clock);
		return new LocalDbFixture(paths, processes, probe, servers, registry, cleaner, scanner, projects, catalog);
	}

}
