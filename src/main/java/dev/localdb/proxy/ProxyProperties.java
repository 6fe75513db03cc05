package dev.localdb.proxy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.proxy}: the front on the web port that gives every project its named URL,
 * {@code http://<project>.localhost:<web port>/}.
 *
 * @param enabled whether the front owns the web port (off: Tomcat binds it, and names answer 403)
 * @param logLines lines of a stopped project's log shown on its 502 page
 * @param refresh how long the servers of a project, as read from its state files, are used before
 * they are read again (a request never waits for the daemon's health checks)
 */
@ConfigurationProperties("localdb.proxy")
record ProxyProperties(@DefaultValue("true") boolean enabled, @DefaultValue("20") int logLines,
		@DefaultValue("250ms") Duration refresh) {

	ProxyProperties {
		if (logLines < 0 || logLines > 1000) {
			throw new IllegalArgumentException("localdb.proxy.log-lines must be 0-1000, e.g. 20");
		}
		if (refresh == null || refresh.isNegative() || refresh.toMillis() > 60_000) {
			throw new IllegalArgumentException("localdb.proxy.refresh must be a duration of 0-60s, e.g. 250ms");
		}
	}

}
