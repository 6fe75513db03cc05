package dev.localdb.cleanup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.cleanup}: when stale allocations are removed.
 *
 * @param interval how often the scheduled cleanup runs, and how old the last cleanup may be before
 * an allocation records a new one
 * @param startGrace how long a reservation without server.json counts as a start under way
 * @param scheduled whether this process runs the scheduled cleanup (one-shot commands do not)
 */
@ConfigurationProperties("localdb.cleanup")
record CleanupProperties(@DefaultValue("1h") Duration interval, @DefaultValue("2m") Duration startGrace,
		@DefaultValue("true") boolean scheduled) {

	CleanupProperties {
		positive(interval, "localdb.cleanup.interval");
		positive(startGrace, "localdb.cleanup.start-grace");
	}

	private static void positive(Duration value, String setting) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(setting + " must be a positive duration, e.g. 30s or 1h");
		}
	}

}
