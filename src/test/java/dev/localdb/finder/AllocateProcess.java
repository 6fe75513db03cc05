package dev.localdb.finder;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.localdb.registry.ProjectName;
import dev.localdb.support.LocalDbFixture;

/**
 * One separate process of {@link ConcurrentAllocationTests}: builds the services, says READY, waits
 * for the go file so that all processes allocate at the same instant, then prints its port.
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
		System.out.println("READY");
		System.out.flush();
		while (!Files.exists(go)) {
			Thread.onSpinWait();
		}
		try {
			PortAssignment assignment = localdb.scanner().allocate(project, null, localdb.processes().self());
			System.out.println("PORT " + assignment.port());
		}
		catch (RuntimeException ex) {
			System.out.println("FAIL " + ex.getMessage());
		}
	}

}
