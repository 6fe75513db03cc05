package dev.localdb.daemon;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.localdb.cleanup.StaleAllocationCleaner;

/**
 * A daemon a client started exits when nothing needs it: no project running, no command for
 * {@code localdb.daemon.idle-timeout}. The next command starts a new one. It also exits when its
 * socket is gone (its home was removed): no client can reach it any more, and a new one would start
 * beside it. A {@code serve} in the foreground (Docker, systemd) stays.
 */
final class IdleExit {

	private static final Logger log = LoggerFactory.getLogger(IdleExit.class);

	/** How long a daemon waits for the first command of the client that started it. */
	static final Duration FIRST_CLIENT_PATIENCE = Duration.ofMinutes(1);

	private final DaemonProperties properties;

	private final DaemonActivity activity;

	private final StaleAllocationCleaner cleaner;

	private final Clock clock;

	private final Runnable exit;

	private final BooleanSupplier reachable;

	IdleExit(DaemonProperties properties, DaemonActivity activity, StaleAllocationCleaner cleaner, Clock clock,
			BooleanSupplier reachable, Runnable exit) {
		this.properties = properties;
		this.reachable = reachable;
		this.activity = activity;
		this.cleaner = cleaner;
		this.clock = clock;
		this.exit = exit;
	}

	@Scheduled(fixedDelayString = "${localdb.daemon.idle-check:30s}", initialDelayString = "${localdb.daemon.idle-check:30s}")
	void check() {
		if (this.properties.autoStarted() && !this.reachable.getAsBoolean()) {
			log.info("The daemon's socket is gone (its home was removed?): no client can reach it, the daemon exits");
			this.exit.run();
			return;
		}
		if (isIdle()) {
			log.info("No project runs and no command came for {}: the daemon exits", this.properties.idleTimeout());
			this.exit.run();
		}
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	boolean isIdle() {
		if (!this.properties.autoStarted() || this.activity.busy()) {
			return false;
		}
		Duration quiet = Duration.between(this.activity.lastEnded(), this.clock.instant());
		// the client that started this daemon may take a while to reach it on a loaded machine: a
		// short idle timeout must not end the daemon before its first command (nor keep one forever)
		Duration patience = this.activity.servedOne() ? this.properties.idleTimeout()
				: max(this.properties.idleTimeout(), FIRST_CLIENT_PATIENCE);
		return quiet.compareTo(patience) >= 0
				&& this.cleaner.report().allocations().stream().noneMatch(allocation -> allocation.alive());
	}

}
