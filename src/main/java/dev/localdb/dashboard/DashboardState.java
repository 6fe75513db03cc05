package dev.localdb.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.localdb.cleanup.RegistryReport;
import dev.localdb.project.ProjectStatus;

/**
 * What the dashboard shows at one moment: every project LocalDB knows, the registry's last
 * cleanup, the daemon, and its web port. (doctor's findings come on their own: they cost a scan of every
 * process's open files.)
 */
record DashboardState(List<ProjectStatus> projects, Optional<Instant> lastCleanup, String daemon, String web) {

	static DashboardState of(List<ProjectStatus> projects, RegistryReport report, String daemon, String web) {
		return new DashboardState(projects, report.lastCleanup(), daemon, web);
	}

}
