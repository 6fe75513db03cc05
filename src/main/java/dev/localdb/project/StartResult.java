package dev.localdb.project;

import java.util.Optional;

import dev.localdb.registry.ProjectName;

/** A started (or already running) project: where it listens and which process serves it. */
public record StartResult(ProjectName project, int port, long pid, String url, boolean alreadyRunning,
		Optional<String> note) {
}
