package dev.localdb.project;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
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
		HealthRecord health, int restarts, List<Instant> restartedAt, GaveUp gaveUp, ExitRecord lastExit,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Instance> instances,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> ports) {

	public ProjectStatus {
		restartedAt = restartedAt == null ? List.of() : List.copyOf(restartedAt);
		instances = instances == null ? List.of() : List.copyOf(instances);
		ports = ports == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(ports));
	}

	public ProjectStatus(ProjectName project, State state, Integer port, Long pid, Duration uptime, String url,
			HealthRecord health, int restarts, List<Instant> restartedAt, GaveUp gaveUp, ExitRecord lastExit) {
		this(project, state, port, pid, uptime, url, health, restarts, restartedAt, gaveUp, lastExit, List.of(), Map.of());
	}

	/**
	 * With its cluster's servers (only when it runs more than one; the first is the project's own
	 * line) and its named ports ({@code --ports}) by name.
	 */
	ProjectStatus with(List<Instance> instances, Map<String, Integer> ports) {
		return new ProjectStatus(this.project, this.state, this.port, this.pid, this.uptime, this.url, this.health,
				this.restarts, this.restartedAt, this.gaveUp, this.lastExit, instances, ports);
	}

	/** One server of a cluster: its number (1..N), state, port, pid, uptime, URL and last health check. */
	public record Instance(int instance, State state, Integer port, Long pid, Duration uptime, String url,
			HealthRecord health) {
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
