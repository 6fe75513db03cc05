package dev.localdb.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard shows at one moment: every project LocalDB knows, the registry's last
 * cleanup, the daemon, and its web port. (doctor's findings come on their own: they cost a scan of every
 * process's open files.)
 */
record DashboardState(List<DashboardProject> projects, Optional<Instant> lastCleanup, String daemon, String web) {

}
