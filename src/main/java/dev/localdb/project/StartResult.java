package dev.localdb.project;

import java.util.Optional;

import dev.localdb.registry.ProjectName;

/**
 * A started (or already running) project: where it listens and which process serves it.
 * {@code replaced} is true when a restart stopped a running server first.
 */
public record StartResult(ProjectName project, int port, long pid, String url, boolean alreadyRunning,
		Optional<String> note, boolean replaced) {

	StartResult replacing() {
		return new StartResult(this.project, this.port, this.pid, this.url, this.alreadyRunning, this.note, true);
	}

}
