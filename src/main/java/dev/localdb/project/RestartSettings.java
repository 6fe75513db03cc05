package dev.localdb.project;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.servers}: how the daemon restarts a server that exits on its own, for projects
 * started with {@code --restart on-failure}.
 *
 * @param maxRestarts how many restarts within the window before the daemon gives up
 * @param restartWindow the window the restarts are counted in
 * @param restartBackoff the wait before the second restart in a window; it doubles each time (the
 * first restart is at once), up to a minute
 * @param restartCheck how often the daemon looks for servers that exited on their own
 */
@ConfigurationProperties("localdb.servers")
record RestartSettings(@DefaultValue("5") int maxRestarts, @DefaultValue("10m") Duration restartWindow,
		@DefaultValue("1s") Duration restartBackoff, @DefaultValue("1s") Duration restartCheck) {

	@ConstructorBinding
	RestartSettings {
		if (maxRestarts < 0) {
			throw new IllegalArgumentException("localdb.servers.max-restarts must not be negative");
		}
		if (restartWindow == null || restartWindow.isNegative() || restartWindow.isZero()) {
			throw new IllegalArgumentException("localdb.servers.restart-window must be a positive duration, e.g. 10m");
		}
		if (restartBackoff == null || restartBackoff.isNegative()) {
			throw new IllegalArgumentException("localdb.servers.restart-backoff must not be negative, e.g. 1s");
		}
	}

	RestartSettings(int maxRestarts, Duration restartWindow, Duration restartBackoff) {
		this(maxRestarts, restartWindow, restartBackoff, Duration.ofSeconds(1));
	}

	/** The wait before the next restart, when {@code recent} restarts happened in the window. */
	Duration backoff(int recent) {
		if (recent == 0) {
			return Duration.ZERO;
		}
		Duration wait = this.restartBackoff.multipliedBy(1L << Math.min(recent - 1, 16));
		return wait.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait;
	}

}
