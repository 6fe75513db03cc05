package dev.localdb.project;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code localdb.logs}: servers' logs rotated by the daemon while they run.
 *
 * @param maxSize how large a running server's server.log may grow before it is rotated to server.log.1
 * @param keep how many rotated files are kept (server.log.1 to server.log.N); 0 keeps none, the log is only emptied
 * @param checkInterval how often the daemon compares each server.log with max-size
 */
@ConfigurationProperties("localdb.logs")
record LogSettings(@DefaultValue("10MB") DataSize maxSize, @DefaultValue("3") int keep,
		@DefaultValue("5s") Duration checkInterval) {

	LogSettings {
		if (maxSize == null || maxSize.toBytes() <= 0) {
			throw new IllegalArgumentException("localdb.logs.max-size must be a positive size, e.g. 10MB");
		}
		if (keep < 0 || keep > 100) {
			throw new IllegalArgumentException("localdb.logs.keep must be from 0 to 100");
		}
		if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
			throw new IllegalArgumentException("localdb.logs.check-interval must be a positive duration, e.g. 5s");
		}
	}

}
