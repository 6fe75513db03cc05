package dev.localdb.project;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code localdb.servers}: how project servers are started and stopped.
 *
 * @param host where servers listen unless --host says otherwise; loopback, not the seed's 0.0.0.0
 * @param startTimeout how long start waits for the server to accept connections
 * @param stopGrace how long stop waits after SIGTERM before it sends SIGKILL
 * @param studioJvmOptions the JVM options of LocalDB Studio, the default server
 * @param logTailLines how many lines of server.log a failed start shows
 * @param logMaxSize how large server.log may grow: the daemon rotates a running server's log once it is
 *        larger, and a start moves a larger one to server.log.1
 * @param logKeep how many rotated files the daemon keeps (server.log.1 to server.log.N); 0 keeps none, the log
 *        is only emptied
 * @param logCheckInterval how often the daemon compares each server.log (and its own daemon.log) with log-max-size
 */
@ConfigurationProperties("localdb.servers")
public record ProjectSettings(@DefaultValue("127.0.0.1") String host, @DefaultValue("30s") Duration startTimeout,
		@DefaultValue("5s") Duration stopGrace, List<String> studioJvmOptions, @DefaultValue("20") int logTailLines,
		@DefaultValue("10MB") DataSize logMaxSize, @DefaultValue("3") int logKeep,
		@DefaultValue("5s") Duration logCheckInterval) {

	public ProjectSettings {
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("localdb.servers.host must be an address, e.g. 127.0.0.1");
		}
		positive(startTimeout, "localdb.servers.start-timeout");
		positive(stopGrace, "localdb.servers.stop-grace");
		if (logTailLines < 0) {
			throw new IllegalArgumentException("localdb.servers.log-tail-lines must not be negative");
		}
		studioJvmOptions = studioJvmOptions == null ? List.of() : List.copyOf(studioJvmOptions);
		if (logMaxSize == null || logMaxSize.toBytes() <= 0) {
			throw new IllegalArgumentException("localdb.servers.log-max-size must be a positive size, e.g. 10MB");
		}
		if (logKeep < 0 || logKeep > 100) {
			throw new IllegalArgumentException("localdb.servers.log-keep must be from 0 to 100");
		}
		positive(logCheckInterval, "localdb.servers.log-check-interval");
	}

	private static void positive(Duration value, String setting) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(setting + " must be a positive duration, e.g. 30s or 1h");
		}
	}

}
