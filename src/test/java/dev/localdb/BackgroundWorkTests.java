package dev.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.localdb.support.LocalDbTestProperties;
import dev.localdb.support.TestPorts;

/**
 * Scheduling is switched on once, not behind the cleanup's own flag: a daemon with the hourly
 * cleanup turned off still checks health, restarts crashed servers and exits when idle.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "localdb.mode=serve", "localdb.cleanup.scheduled=false", "logging.file.name=" })
class BackgroundWorkTests {

	@TempDir
	static Path home;

	@DynamicPropertySource
	static void localdb(DynamicPropertyRegistry properties) {
		LocalDbTestProperties.register(properties, home, TestPorts.ranges(3, 3, 3));
	}

	@Autowired
	ScheduledTaskHolder scheduler;

	@Test
	void turningTheHourlyCleanupOffLeavesTheDaemonsOtherWorkRunning() {
		List<String> tasks = this.scheduler.getScheduledTasks()
			.stream()
			.map(ScheduledTask::getTask)
			.map(Object::toString)
			.toList();
		assertThat(tasks).contains("dev.localdb.health.HealthMonitor.checkAll", "dev.localdb.daemon.IdleExit.check")
			.anyMatch(task -> task.startsWith("dev.localdb.project.RestartSupervisor."))
			.noneMatch(task -> task.startsWith("dev.localdb.cleanup.ScheduledCleanup"));
	}

}
