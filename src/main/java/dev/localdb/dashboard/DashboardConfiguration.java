package dev.localdb.dashboard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.ProcessTable;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.share.Shares;
import dev.localdb.web.WebPort;

/**
 * The dashboard, wherever the web server runs (the daemon, or a shell without one): its page, its
 * two kinds of event stream, fed by one thread, and its actions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardConfiguration {

	@Bean
	DashboardSnapshots dashboardSnapshots(ProjectCatalog catalog, StaleAllocationCleaner cleaner,
			ServerInfoStore servers, ProcessTable processes, @Value("${localdb.mode:serve}") String mode, WebPort web,
			ObjectProvider<Shares> shares) {
		return new DashboardSnapshots(catalog, cleaner, servers, processes, mode, web,
				Shares.statusesOf(shares));
	}

	@Bean
	StateFeed stateFeed(DashboardProperties properties, DashboardSnapshots snapshots) {
		return new StateFeed(properties.maxEventStreams(), snapshots::take);
	}

	@Bean
	LogFeed logFeed(DashboardProperties properties, ProjectService projects, RuntimePaths paths) {
		return new LogFeed(properties.maxLogStreams(), projects, paths);
	}

	/** Closed with the context: its one thread ends with the daemon. */
	@Bean
	DashboardTicker dashboardTicker(DashboardProperties properties, StateFeed state, LogFeed logs) {
		return new DashboardTicker(properties.refresh(), state, logs);
	}

}
