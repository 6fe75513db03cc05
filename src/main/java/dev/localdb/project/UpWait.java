package dev.localdb.project;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import dev.localdb.health.HealthChecker;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ServerInfo;

/**
 * The wait of a rolling restart or a scale-up until a started instance is UP: it listens (the
 * start waited for that) and its health check passes, the daemon's own check
 * ({@link HealthChecker}), so that no request sent to it fails once it takes requests.
 */
final class UpWait {

	private static final Duration POLL = Duration.ofMillis(50);

	private final HealthChecker checker;

	UpWait(HealthChecker checker) {
		this.checker = checker;
	}

	/** @return the first check that found it UP within {@code timeout}, else the last one */
	HealthRecord await(ServerInfo server, HealthMode mode, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			HealthRecord last = this.checker.check(server, mode, Optional.empty());
			if (last.status() == HealthRecord.Status.UP || System.nanoTime() > deadline
					|| Thread.currentThread().isInterrupted()) {
				return last;
			}
			LockSupport.parkNanos(POLL.toNanos());
		}
	}

}
