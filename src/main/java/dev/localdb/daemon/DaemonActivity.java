package dev.localdb.daemon;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Commands under way and when the last one ended: what idleness is measured from. */
final class DaemonActivity {

	private final Clock clock;

	private final AtomicInteger running = new AtomicInteger();

	private volatile Instant lastEnded;

	private volatile boolean servedOne;

	DaemonActivity(Clock clock) {
		this.clock = clock;
		this.lastEnded = clock.instant();
	}

	void begin() {
		this.servedOne = true;
		this.running.incrementAndGet();
	}

	void end() {
		this.lastEnded = this.clock.instant();
		this.running.decrementAndGet();
	}

	/** A client connected: the daemon is not idle, even before its request is read. */
	void touch() {
		this.lastEnded = this.clock.instant();
	}

	/** Whether a command has come at all: the client that started this daemon has reached it. */
	boolean servedOne() {
		return this.servedOne;
	}

	boolean busy() {
		return this.running.get() > 0;
	}

	Instant lastEnded() {
		return this.lastEnded;
	}

}
