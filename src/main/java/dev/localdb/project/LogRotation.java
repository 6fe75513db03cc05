package dev.localdb.project;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.wire.DaemonAddress;

/**
 * The daemon's rotation of servers' logs while they run: each {@code server.log} over
 * {@code localdb.servers.log-max-size} is rotated ({@link ServerLog#rotate}), keeping
 * {@code localdb.servers.log-keep} earlier files, so a chatty server that runs for weeks does not fill
 * the disk. The daemon's own {@code logs/daemon.log} is rotated the same way.
 */
final class LogRotation {

	private static final Logger log = LoggerFactory.getLogger(LogRotation.class);

	private final ServerInfoStore servers;

	private final RuntimePaths paths;

	private final ProjectSettings settings;

	/** The daemon's own output (its redirected stdout, see the client's DaemonStarter), appended alike. */
	private final Path daemonLog;

	LogRotation(ServerInfoStore servers, RuntimePaths paths, ProjectSettings settings) {
		this.servers = servers;
		this.paths = paths;
		this.settings = settings;
		this.daemonLog = DaemonAddress.of(paths.home()).logFile();
	}

	@Scheduled(fixedDelayString = "${localdb.servers.log-check-interval:5s}")
	void check() {
		for (ProjectName project : this.servers.projectsOnDisk()) {
			try {
				rotate(this.paths.serverLog(project));
			}
			catch (RuntimeException ex) {
				log.warn("Could not rotate the log of {}: {}", project, ex.getMessage());
			}
		}
		rotate(this.daemonLog);
	}

	private void rotate(Path file) {
		try {
			if (ServerLog.rotate(file, this.settings.logMaxSize().toBytes(), this.settings.logKeep())) {
				log.debug("Rotated {} (over {})", file, this.settings.logMaxSize());
			}
			else {
				ServerLog.prune(file, this.settings.logKeep());
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not rotate {}: {}", file, ex.getMessage());
		}
	}

}
