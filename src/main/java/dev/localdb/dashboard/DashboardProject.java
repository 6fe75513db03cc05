package dev.localdb.dashboard;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.localdb.project.ProjectStatus;

/**
 * A project as the dashboard shows it: what {@code list --json} says of it, and what a developer
 * looks for first besides: the command and directory it runs with (null for LocalDB Studio), and
 * the CPU (percent of one core since the last look) and resident memory of its server's processes
 * while it runs, and then its named URL on the web port ({@code http://<project>.localhost:<port>/}).
 */
record DashboardProject(@JsonUnwrapped ProjectStatus status, String command, String directory, Integer cpuPercent,
		Long memoryBytes, String namedUrl) {

	DashboardProject(ProjectStatus status, String command, String directory, Integer cpuPercent, Long memoryBytes) {
		this(status, command, directory, cpuPercent, memoryBytes, null);
	}

}
