package dev.localdb.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;

/**
 * Fills a home's registry with N live allocations, each with a server.json pointing at one
 * long-lived process the benchmark started (a sleep), for the actuator and memory benchmarks. Not a
 * test. Usage: {@code FillRegistry HOME N PID}; ports 40000 and up, which nothing binds.
 */
public final class FillRegistry {

	private FillRegistry() {
	}

	public static void main(String[] args) {
		Path home = Path.of(args[0]);
		int count = Integer.parseInt(args[1]);
		RuntimePaths paths = new RuntimePaths(home);
		ProcessTable processes = new ProcessTable();
		ServerInfoStore servers = new ServerInfoStore(paths);
		RegistryService registry = new RegistryService(paths, servers, processes, new PortProbe(),
				Clock.systemUTC());
		var init = processes.identify(Long.parseLong(args[2])).orElseThrow();
		registry.update(current -> {
			var changed = current;
			for (int i = 0; i < count; i++) {
				ProjectName project = ProjectName.of("bench-" + i);
				servers.write(project, new ServerInfo(init.pid(), 40000 + i, Instant.now(), init.start(),
						"127.0.0.1", null));
				changed = changed.with(project, Allocation.running(40000 + i, System.currentTimeMillis(), init));
			}
			return changed;
		});
	}

}
