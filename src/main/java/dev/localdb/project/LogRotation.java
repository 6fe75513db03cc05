package dev.localdb.project;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;

/**
 * The daemon's rotation of servers' logs while they run: each {@code server.log} over
 * {@code localdb.logs.max-size} is rotated ({@link ServerLog#rotate}), keeping
 * {@code localdb.logs.keep} earlier files, so a chatty server that runs for weeks does not fill
 * the disk.
 */
final class LogRotation {

	private static final Logger log = LoggerFactory.getLogger(LogRotation.class);

	private final ServerInfoStore servers;

	private final RuntimePaths paths;

	private final LogSettings settings;

	LogRotation(ServerInfoStore servers, RuntimePaths paths, LogSettings settings) {
		this.servers = servers;
		this.paths = paths;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${localdb.logs.check-interval:5s}")
	void check() {
		for (ProjectName project : this.servers.projectsOnDisk()) {
			Path serverLog = this.paths.serverLog(project);
			try {
				if (ServerLog.rotate(serverLog, this.settings.maxSize().toBytes(), this.settings.keep())) {
					log.debug("Rotated {} (over {})", serverLog, this.settings.maxSize());
				}
				else {
					ServerLog.prune(serverLog, this.settings.keep());
				}
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Could not rotate {}: {}", serverLog, ex.getMessage());
			}
		}
	}

}
