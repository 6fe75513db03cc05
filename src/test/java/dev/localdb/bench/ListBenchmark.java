package dev.localdb.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.registry.ProjectName;
import dev.localdb.support.LocalDbFixture;

/**
 * Where {@code list} spends its time in a warm JVM, as in the daemon: the whole list and each of
 * the reads it makes per project, over every project of a home. Not a test. Usage:
 * {@code ListBenchmark HOME [RUNS]}; prints the median of RUNS in ms.
 */
public final class ListBenchmark {

	private ListBenchmark() {
	}

	public static void main(String[] args) {
		LocalDbFixture localdb = LocalDbFixture.create(Path.of(args[0]), new PortRanges(PortRange.parse("20000-20099"),
				PortRange.parse("20100-20199"), PortRange.parse("20200-20299")));
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 21;
		List<ProjectName> projects = localdb.servers().projectsOnDisk();
		System.out.printf("%d projects, median of %d runs, ms%n", projects.size(), runs);
		time("list", runs, () -> localdb.catalog().list());
		time("projectsOnDisk", runs, () -> localdb.servers().projectsOnDisk());
		time("registry read", runs, () -> localdb.registry().read());
		each("server.json", runs, projects, project -> localdb.servers().read(project));
		each("project.json", runs, projects, project -> localdb.servers().remembered(project));
		each("exit.json", runs, projects, project -> localdb.servers().lastExit(project));
		each("health.json", runs, projects, project -> localdb.servers().health(project));
		each("processes running", runs, projects, project -> localdb.servers()
			.read(project)
			.ifPresent(info -> localdb.processes().isRunning(info.processes())));
	}

	private static void each(String what, int runs, List<ProjectName> projects, Consumer<ProjectName> read) {
		time(what, runs, () -> projects.forEach(read));
	}

	private static void time(String what, int runs, Runnable work) {
		long[] times = new long[runs + 5];
		for (int run = 0; run < times.length; run++) {
			long start = System.nanoTime();
			work.run();
			times[run] = System.nanoTime() - start;
		}
		long[] measured = Arrays.copyOfRange(times, 5, times.length); // the first runs warm up
		Arrays.sort(measured);
		System.out.printf("%-20s %8.2f%n", what, measured[runs / 2] / 1e6);
	}

}
