package dev.localdb.registry;

import java.nio.file.Path;
import java.time.Clock;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;

/**
 * A process that rewrites the registry as fast as it can and prints the version it committed after
 * each write, until it is killed. Used by {@link RegistryCrashTests}.
 */
public final class RegistryWriterProcess {

	private RegistryWriterProcess() {
	}

	public static void main(String[] args) {
		RuntimePaths paths = new RuntimePaths(Path.of(args[0]));
		long start = Long.parseLong(args[1]);
		ProcessTable processes = new ProcessTable();
		RegistryService registry = new RegistryService(paths, new ServerInfoStore(paths), processes, new PortProbe(),
				Clock.systemUTC());
		String padding = "x".repeat(40);
		for (long version = start;; version++) {
			long v = version;
			// entries come and go so the file changes size: a torn write would show
			ProjectName project = ProjectName.of("p" + (v % 9) + (v % 2 == 0 ? padding : ""));
			registry.update(current -> {
				Registry changed = current.cleanedAt(v);
				for (ProjectName name : current.ports().keySet()) {
					if (name.value().startsWith("p" + (v % 9))) {
						changed = changed.without(name);
					}
				}
				return changed.with(project, new Allocation(1 + (int) (v % 9), v, v, "t", Allocation.State.RUNNING));
			});
			System.out.println(v);
			System.out.flush();
		}
	}

}
