package dev.localdb.project;

import dev.localdb.registry.ProjectName;

/** A stopped project: the port it released and whether it had to be killed. */
public record StopResult(ProjectName project, int port, long pid, boolean killed) {
}
