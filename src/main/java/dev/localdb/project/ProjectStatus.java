package dev.localdb.project;

import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;

/**
 * One line of {@code localdb list}. {@code port}, {@code pid}, {@code uptime}, {@code url} and
 * {@code health} (the daemon's last check of a running server) may be null; {@code restarts} counts
 * the daemon's restarts since the project was last started by hand.
 */
public record ProjectStatus(ProjectName project, State state, Integer port, Long pid, Duration uptime, String url,
		HealthRecord health, int restarts) {

	public enum State {

		/** server.json present, its process alive and ours. */
		RUNNING,
		/** Port reserved by a start that is still under way, or its server launched and not listening yet. */
		STARTING,
		/** Files or an allocation left by a server that is gone: cleanup removes them. */
		STALE,
		/** Known (it has a runtime directory) but not running. */
		STOPPED;

		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
