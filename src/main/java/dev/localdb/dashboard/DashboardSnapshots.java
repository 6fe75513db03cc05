package dev.localdb.dashboard;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.web.WebPort;

/** Takes the {@link DashboardState} of this moment. */
class DashboardSnapshots {

	private final ProjectCatalog catalog;

	private final StaleAllocationCleaner cleaner;

	private final String daemon;

	private final WebPort web;

	DashboardSnapshots(ProjectCatalog catalog, StaleAllocationCleaner cleaner, String mode, WebPort web) {
		this.catalog = catalog;
		this.web = web;
		this.cleaner = cleaner;
		this.daemon = "serve".equals(mode) ? "running (pid " + ProcessHandle.current().pid() + ")"
				: "no daemon: this session serves the page";
	}

	DashboardState take() {
		String web = this.web.served() ? this.web.url() : "waiting for port " + this.web.port();
		return DashboardState.of(this.catalog.list(), this.cleaner.report(), this.daemon, web);
	}

}
