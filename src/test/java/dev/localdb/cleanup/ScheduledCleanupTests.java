package dev.localdb.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.support.LocalDbTestProperties;
import dev.localdb.support.TestPorts;

/** The scheduled job is wired with its interval, and what it runs is the registry cleanup. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "localdb.cleanup.interval=90m", "logging.file.name=" })
class ScheduledCleanupTests {

	@TempDir
	static Path home;

	@DynamicPropertySource
	static void localdb(DynamicPropertyRegistry properties) {
		LocalDbTestProperties.register(properties, home, TestPorts.ranges(3, 3, 3));
	}

	@Autowired
	ScheduledTaskHolder scheduler;

	@Autowired
	ScheduledCleanup job;

	@Autowired
	RegistryService registry;

	@Test
	void jobRunsEveryConfiguredInterval() {
		ScheduledTask task = this.scheduler.getScheduledTasks()
			.stream()
			.filter(t -> t.getTask().toString().equals(ScheduledCleanup.class.getName() + ".run"))
			.findFirst()
			.orElseThrow();
		assertThat(task.getTask()).isInstanceOfSatisfying(FixedDelayTask.class, fixed -> {
			assertThat(fixed.getIntervalDuration()).isEqualTo(Duration.ofMinutes(90));
			assertThat(fixed.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(90));
		});
	}

	@Test
	void jobRemovesStaleAllocations() {
		this.registry.update(r -> r.with(ProjectName.of("gone"),
				new Allocation(TestPorts.freeBlock(1).low(), 1, 1, null, Allocation.State.RUNNING)));
		this.job.run();
		assertThat(this.registry.allocations()).isEmpty();
		assertThat(this.registry.read().lastCleanup()).isPositive();
	}

}
