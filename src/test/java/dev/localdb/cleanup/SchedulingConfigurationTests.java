package dev.localdb.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;


/** One-shot commands run no scheduler; the interactive and serve modes do. */
class SchedulingConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SchedulingConfiguration.class)
		.withBean(StaleAllocationCleaner.class, () -> mock(StaleAllocationCleaner.class))
		.withPropertyValues("localdb.cleanup.interval=1h");

	@Test
	void scheduledCleanupIsPresentByDefault() {
		this.runner.run(context -> assertThat(context).hasSingleBean(ScheduledCleanup.class));
	}

	@Test
	void scheduledCleanupIsAbsentForOneShotCommands() {
		this.runner.withPropertyValues("localdb.cleanup.scheduled=false")
			.run(context -> assertThat(context).doesNotHaveBean(ScheduledCleanup.class));
	}

}
