package dev.localdb.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** {@code localdb logs}: a project's server.log (or an instance's server-N.log), its tail, every run kept, or followed. */
final class ProjectLogs {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final RuntimePaths paths;

	ProjectLogs(RegistryService registry, ServerInfoStore servers, RuntimePaths paths) {
		this.registry = registry;
		this.servers = servers;
		this.paths = paths;
	}

	/**
	 * The last {@code lines} lines of the current run (of every run kept, with {@code allRuns}), and
	 * with {@code follow} what it appends after, until {@code stop} says so.
	 */
	void show(ProjectName project, int lines, boolean allRuns, boolean follow, Consumer<String> out,
			BooleanSupplier stop) {
		show(project, 1, lines, allRuns, follow, out, stop);
	}

	/** The same for {@code instance} of a cluster (1: the project's own server, its server.log). */
	void show(ProjectName project, int instance, int lines, boolean allRuns, boolean follow, Consumer<String> out,
			BooleanSupplier stop) {
		if (lines < 0) {
			throw new LocalDbException(Failure.USAGE, "-n takes a number of lines, 0 or more.");
		}
		if (instance < 1 || instance > PortKey.MAX_INSTANCES) {
			throw new LocalDbException(Failure.USAGE, "--instance takes an instance number, 1-" + PortKey.MAX_INSTANCES
					+ ", not " + instance + ".");
		}
		Path log = this.paths.serverLog(PortKey.instance(project, instance));
		if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
			if (!this.servers.projectsOnDisk().contains(project) && this.registry.allocation(project).isEmpty()) {
				throw new ProjectNotRunningException("LocalDB knows no project '" + project
						+ "'. See 'localdb list' for the projects it knows.");
			}
			if (instance > 1) {
				throw new ProjectNotRunningException("Project '" + project + "' has no instance " + instance
						+ " (it never ran " + instance + " servers): see its instances with 'localdb list'.");
			}
			if (!follow) {
				throw new ProjectNotRunningException("Project '" + project + "' has no log yet: it has not run.");
			}
		}
		this.servers.remembered(project)
			.map(RememberedProject::gaveUp)
			.ifPresent(gaveUp -> out.accept("! localdb: the daemon gave up restarting " + project + " at " + gaveUp.at()
					+ " after " + gaveUp.exits() + " exits; start it with 'localdb start " + project + "' when it is fixed"));
		try {
			long end = Files.exists(log, LinkOption.NOFOLLOW_LINKS) ? Files.size(log) : 0;
			if (allRuns) {
				// the rotated files, oldest first: server.log.N ... server.log.1
				int oldest = 0;
				while (Files.exists(ServerLog.numbered(log, oldest + 1), LinkOption.NOFOLLOW_LINKS)) {
					oldest++;
				}
				for (int number = oldest; number >= 1; number--) {
					ServerLog.tail(ServerLog.numbered(log, number), Integer.MAX_VALUE, true).forEach(out);
				}
			}
			ServerLog.tail(log, lines, allRuns).forEach(out);
			if (follow) {
				ServerLog.follow(log, end, out, stop);
			}
		}
		catch (IOException ex) {
			throw LocalDbException.storage("read", log, ex);
		}
	}

}
