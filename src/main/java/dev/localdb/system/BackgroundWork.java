package dev.localdb.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduling is switched on here, once, for every mode: each feature's periodic work is a
 * {@code @Scheduled} method of its own bean (the hourly cleanup, the daemon's health checks, restart
 * supervisor and idle exit), run on Spring Boot's task scheduler
 * ({@code spring.task.scheduling.*}) and stopped with the context. Whether a job runs is its own
 * feature's setting: turning the hourly cleanup off stops the cleanup and nothing else. A one-shot
 * command declares no job, so it starts no scheduler thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class BackgroundWork {

}
