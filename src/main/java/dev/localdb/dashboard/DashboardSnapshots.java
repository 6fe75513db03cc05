package dev.localdb.dashboard;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.project.ProjectCatalog;

/** Takes the {@link DashboardState} of this moment. */
class DashboardSnapshots {

	private final ProjectCatalog catalog;

	private final StaleAllocationCleaner cleaner;

	private final String daemon;

	DashboardSnapshots(ProjectCatalog catalog, StaleAllocationCleaner cleaner, String mode) {
		this.catalog = catalog;
		this.cleaner = cleaner;
		this.daemon = "serve".equals(mode) ? "running (pid " + ProcessHandle.current().pid() + ")"
				: "no daemon: this session serves the page";
	}

	DashboardState take() {
		return DashboardState.of(this.catalog.list(), this.cleaner.report(), this.daemon);
	}

}
