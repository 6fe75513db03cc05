package dev.localdb.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.health}: the daemon's checks of running projects.
 *
 * @param interval how often every running project is checked
 * @param timeout how long one check may take before the project counts as down
 */
@ConfigurationProperties("localdb.health")
record HealthProperties(@DefaultValue("10s") Duration interval, @DefaultValue("2s") Duration timeout) {

	HealthProperties {
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("localdb.health.interval must be a positive duration, e.g. 10s");
		}
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("localdb.health.timeout must be a positive duration, e.g. 2s");
		}
	}

}
