package dev.localdb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.localdb.cleanup.RegistryReport;
import dev.localdb.cleanup.StaleAllocationCleaner;

/**
 * A daemon a client started exits when idle, but never before that client's first command reached
 * it: on a loaded machine the client can take longer to connect than a short idle timeout.
 */
class IdleExitTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T00:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return IdleExitTests.this.now.get();
		}

	};

	@Test
	void aDaemonWaitsForItsFirstCommandThenExitsAfterTheIdleTimeout() {
		StaleAllocationCleaner cleaner = mock(StaleAllocationCleaner.class);
		given(cleaner.report()).willReturn(new RegistryReport(List.of(), Optional.empty()));
		DaemonActivity activity = new DaemonActivity(this.clock);
		IdleExit idle = new IdleExit(new DaemonProperties(Duration.ofSeconds(1), "", true, Duration.ofMillis(200)),
				activity, cleaner, this.clock, () -> true, () -> {
				});

		pass(Duration.ofSeconds(5));
		assertThat(idle.isIdle()).as("no command has reached it yet").isFalse();
		pass(IdleExit.FIRST_CLIENT_PATIENCE);
		assertThat(idle.isIdle()).as("its client never came").isTrue();

		activity.begin();
		assertThat(idle.isIdle()).as("a command is running").isFalse();
		activity.end();
		pass(Duration.ofMillis(500));
		assertThat(idle.isIdle()).isFalse();
		pass(Duration.ofMillis(600));
		assertThat(idle.isIdle()).as("one second after its last command").isTrue();
	}

	@Test
	void aDaemonWhoseSocketIsGoneExits() {
		StaleAllocationCleaner cleaner = mock(StaleAllocationCleaner.class);
		AtomicBoolean reachable = new AtomicBoolean(true);
		AtomicBoolean exited = new AtomicBoolean();
		DaemonActivity activity = new DaemonActivity(this.clock);
		activity.begin();
		IdleExit idle = new IdleExit(new DaemonProperties(Duration.ofHours(3), "", true, Duration.ofSeconds(30)),
				activity, cleaner, this.clock, reachable::get, () -> exited.set(true));

		idle.check();
		assertThat(exited).as("busy, and reachable").isFalse();
		reachable.set(false);
		idle.check();
		assertThat(exited).as("its home was removed: no client can reach it").isTrue();
	}

	private void pass(Duration time) {
		this.now.updateAndGet(instant -> instant.plus(time));
	}

}
