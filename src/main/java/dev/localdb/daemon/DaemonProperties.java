package dev.localdb.daemon;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.daemon}: the always-on process of a home.
 *
 * @param idleTimeout how long a daemon a client started stays with no project running and no
 * command; then it exits (the next command starts a new one)
 * @param fingerprint the build and settings of the client that started it (set by that client)
 * @param autoStarted whether a client started it (then it exits when idle); serve in the
 * foreground never does
 * @param idleCheck how often the daemon checks whether it is idle
 */
@ConfigurationProperties("localdb.daemon")
record DaemonProperties(@DefaultValue("3h") Duration idleTimeout, @DefaultValue("") String fingerprint,
		@DefaultValue("false") boolean autoStarted, @DefaultValue("30s") Duration idleCheck) {

	DaemonProperties {
		if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("localdb.daemon.idle-timeout must be a positive duration, e.g. 3h");
		}
	}

}
