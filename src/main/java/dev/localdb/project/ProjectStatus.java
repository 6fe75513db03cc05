package dev.localdb.project;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.registry.ExitRecord;
import dev.localdb.registry.GaveUp;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ProjectName;

/**
 * One line of {@code localdb list}. {@code port}, {@code pid}, {@code uptime}, {@code url} and
 * {@code health} (the daemon's last check of a running server) may be null; {@code restarts} counts
 * the daemon's restarts since the project was last started by hand, {@code restartedAt} says when
 * (the last ones), {@code gaveUp} when the daemon gave up restarting it (null: it did not), and
 * {@code lastExit} how its last run ended (null: not seen).
 */
public record ProjectStatus(ProjectName project, State state, Integer port, Long pid, Duration uptime, String url,
		HealthRecord health, int restarts, List<Instant> restartedAt, GaveUp gaveUp, ExitRecord lastExit) {

	public ProjectStatus {
		restartedAt = restartedAt == null ? List.of() : List.copyOf(restartedAt);
	}

	public enum State {

		/** server.json present, its process alive and ours. */
		RUNNING,
		/** Port reserved by a start that is still under way, or its server launched and not listening yet. */
		STARTING,
		/** Files or an allocation left by a server that is gone: cleanup removes them. */
		STALE,
		/** Known (it has a runtime directory) but not running. */
		STOPPED,
		/** Not running: it kept exiting and the daemon gave up restarting it. */
		FAILED;

		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
