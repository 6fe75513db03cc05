package dev.localdb.cleanup;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;

/** One stale allocation that cleanup removed, and why it was stale. */
public record Removal(ProjectName project, Allocation allocation, String reason) {
}
