package dev.localdb.cleanup;

import dev.localdb.registry.ProjectName;

/** One stale allocation that cleanup removed: the project, the port it held, and why it was stale. */
public record Removal(ProjectName project, int port, String reason) {
}
