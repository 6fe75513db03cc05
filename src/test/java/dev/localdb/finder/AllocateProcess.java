package dev.localdb.finder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

import dev.localdb.registry.ProjectName;
import dev.localdb.support.LocalDbFixture;

/**
 * One separate process of {@link ConcurrentAllocationTests}: builds the services, says READY, waits
 * for the go file so that all processes allocate at the same instant, prints its port, and stays
 * alive until the release file appears. A reservation whose process is gone (with no server.json)
 * is stale by design, and another process's cleanup would rightly give its port away again.
 */
public final class AllocateProcess {

	private AllocateProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(args[0]);
		PortRanges ranges = new PortRanges(PortRange.parse(args[1]), PortRange.parse(args[2]), PortRange.parse(args[3]));
		ProjectName project = ProjectName.of(args[4]);
		Path go = Path.of(args[5]);
		LocalDbFixture localdb = LocalDbFixture.create(home, ranges);
		localdb.registry().read(); // load the classes before the race
		Path release = Path.of(args[6]);
		try (WatchService watcher = go.getFileSystem().newWatchService()) {
			go.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
			System.out.println("READY");
			System.out.flush();
			await(go, watcher);
			try {
				PortAssignment assignment = localdb.scanner().allocate(project, null, localdb.processes().self());
				System.out.println("PORT " + assignment.port());
			}
			catch (RuntimeException ex) {
				System.out.println("FAIL " + ex.getMessage());
			}
			System.out.flush();
			await(release, watcher);
		}
	}

	/** Blocks (no spinning: sixteen of these share two cores) until {@code file} exists. */
	private static void await(Path file, WatchService watcher) throws InterruptedException {
		while (!Files.exists(file)) {
			WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
			if (key != null) {
				key.pollEvents();
				key.reset();
			}
		}
	}

}
