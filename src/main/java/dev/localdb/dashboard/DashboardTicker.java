package dev.localdb.dashboard;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's one thread: on every tick it pushes a changed state to the open pages and new
 * log lines to the followed logs; every few seconds a heartbeat finds the streams whose page went
 * away. However many pages are open, the daemon holds this one thread for them.
 */
class DashboardTicker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DashboardTicker.class);

	private static final long HEARTBEAT_MILLIS = 5_000;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread ticker = new Thread(runnable, "localdb-dashboard");
		ticker.setDaemon(true);
		return ticker;
	});

	private final StateFeed state;

	private final LogFeed logs;

	private final long beatEvery;

	private long ticks;

	DashboardTicker(Duration refresh, StateFeed state, LogFeed logs) {
		this.state = state;
		this.logs = logs;
		this.beatEvery = Math.max(1, HEARTBEAT_MILLIS / refresh.toMillis());
		this.thread.scheduleWithFixedDelay(this::tick, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void tick() {
		boolean heartbeat = ++this.ticks % this.beatEvery == 0;
		try {
			this.state.push(heartbeat);
			this.logs.tick(heartbeat);
		}
		catch (RuntimeException ex) {
			// an exception would end the schedule, and with it every page's updates
			log.warn("The dashboard's update failed; it tries again at the next tick.", ex);
		}
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
	}

}
