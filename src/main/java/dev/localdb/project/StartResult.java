package dev.localdb.project;

import java.util.Optional;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;

/**
 * A started (or already running) project: where it listens and which process serves it.
 * {@code replaced} is true when a restart stopped a running server first; {@code note} is what the
 * user should know (one line each), e.g. that the requested port was taken.
 */
public record StartResult(ProjectName project, int port, long pid, String url, boolean alreadyRunning,
		Optional<String> note, boolean replaced) {

	/** The server of {@code project} as server.json records it, its listener's pid shown. */
	static StartResult of(ProjectName project, ServerInfo server, boolean alreadyRunning, Optional<String> note) {
		return new StartResult(project, server.port(), server.shownPid(), server.url(), alreadyRunning, note, false);
	}

	StartResult replacing() {
		return new StartResult(this.project, this.port, this.pid, this.url, this.alreadyRunning, this.note, true);
	}

}
