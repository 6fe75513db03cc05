package dev.localdb.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.dashboard}: how much of the daemon's small heap the dashboard may hold. Every
 * open page keeps one event stream, and one log stream while it follows a log; beyond these
 * caps a stream is refused (503), so no number of tabs or scripts can starve the daemon.
 *
 * @param maxEventStreams open pages (event streams) served at once
 * @param maxLogStreams followed logs served at once
 * @param refresh how often the state is compared and followed logs are read
 */
@ConfigurationProperties("localdb.dashboard")
record DashboardProperties(@DefaultValue("16") int maxEventStreams, @DefaultValue("16") int maxLogStreams,
		@DefaultValue("500ms") Duration refresh) {

	DashboardProperties {
		if (maxEventStreams < 1 || maxEventStreams > 1000) {
			throw new IllegalArgumentException("localdb.dashboard.max-event-streams must be 1-1000, e.g. 16");
		}
		if (maxLogStreams < 1 || maxLogStreams > 1000) {
			throw new IllegalArgumentException("localdb.dashboard.max-log-streams must be 1-1000, e.g. 16");
		}
		if (refresh == null || refresh.toMillis() < 50) {
			throw new IllegalArgumentException("localdb.dashboard.refresh must be a duration of 50ms or more, e.g. 500ms");
		}
	}

}
