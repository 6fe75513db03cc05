package dev.localdb.dashboard;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.localdb.project.ProjectStatus;
import dev.localdb.share.ShareStatus;

/**
 * A project as the dashboard shows it: what {@code list --json} says of it, and what a developer
 * looks for first besides: the command and directory it runs with (null for LocalDB Studio), and
 * the CPU (percent of one core since the last look) and resident memory of its server's processes
 * while it runs, its named URL on the web port ({@code http://<project>.localhost:<port>/}), and its
 * share's public URL while it is shared (null: it is not).
 */
record DashboardProject(@JsonUnwrapped ProjectStatus status, String command, String directory, Integer cpuPercent,
		Long memoryBytes, String namedUrl, ShareStatus share) {

	DashboardProject(ProjectStatus status, String command, String directory, Integer cpuPercent, Long memoryBytes,
			String namedUrl) {
		this(status, command, directory, cpuPercent, memoryBytes, namedUrl, null);
	}

	DashboardProject(ProjectStatus status, String command, String directory, Integer cpuPercent, Long memoryBytes) {
		this(status, command, directory, cpuPercent, memoryBytes, null, null);
	}

	DashboardProject withShare(ShareStatus shared) {
		return shared == null ? this
				: new DashboardProject(this.status, this.command, this.directory, this.cpuPercent, this.memoryBytes,
						this.namedUrl, shared);
	}

}
