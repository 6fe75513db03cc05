package dev.localdb.system;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** The three ways the application runs (decided by {@code dev.localdb.wire.Launch}), and what each switches on. */
public enum LaunchMode {

	/** No arguments: the shell, the web server on loopback, the hourly cleanup. */
	INTERACTIVE,
	/** {@code serve}: the web server and the hourly cleanup, no shell. */
	SERVE,
	/** Any other arguments: one command, no web server, no scheduler; exits with its status. */
	COMMAND;

	public static final String PROPERTY = "localdb.mode";

	/**
	 * Auto-configurations a one-shot command never uses. Lazy initialisation keeps their beans
	 * unbuilt, but their bean post-processors (metrics, observation, health) are built eagerly,
	 * and that costs about half a second of a command that should take one.
	 */
	private static final List<String> NOT_FOR_ONE_COMMAND = List.of(
			"org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.info.InfoEndpointAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration",
			"org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
			"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
			"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
			"org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
			"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
			"org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
			"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
			"org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration",
			"org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration",
			"org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration",
			"org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration",
			"org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
			"org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.startup.StartupTimeMetricsListenerAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
			"org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration");

	/** Set by the client when a daemon runs for the interactive shell ({@code Launch.WITH_DAEMON}). */
	public static final String WITH_DAEMON = "localdb.shell.with-daemon";

	/** Set when an interactive session found the web port taken and runs without a web server. */
	public static final String WEB_ELSEWHERE = "localdb.web-server-elsewhere";

	public static LaunchMode from(String property) {
		try {
			return property == null ? null : valueOf(property.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	public SpringApplication configure(SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		defaults.put(PROPERTY, name().toLowerCase(Locale.ROOT));
		defaults.put("spring.main.banner-mode", "off");
		if (this != SERVE) {
			// the terminal belongs to the user: only warnings and errors, and those on stderr
			defaults.put("spring.main.log-startup-info", "false");
			defaults.put("logging.threshold.console", "WARN");
			defaults.put("logging.pattern.console", "%clr(%level:){yellow} %msg%n%wEx");
			// a failed start-up is one line from main, not Spring's report and bean chain
			defaults.put("logging.level.org.springframework.boot.diagnostics", "OFF");
			defaults.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
			defaults.put("logging.level.org.springframework.context", "ERROR");
			defaults.put("logging.level.org.springframework.boot.web", "ERROR");
		}
		if (this == INTERACTIVE) {
			// requests to the web port are no business of the prompt (a 405 would print a warning there)
			defaults.put("logging.level.org.springframework.web", "ERROR");
			if (Boolean.getBoolean(WITH_DAEMON)) {
				// the daemon serves the web port and runs the hourly cleanup
				application.setWebApplicationType(WebApplicationType.NONE);
				defaults.put("localdb.cleanup.scheduled", "false");
			}
		}
		if (this != INTERACTIVE) {
			// commands of the interactive shell only: one-shot and daemon-run commands have no screen
			defaults.put("spring.shell.command.clear.enabled", "false");
			defaults.put("spring.shell.command.history.enabled", "false");
		}
		if (this == COMMAND) {
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setLazyInitialization(true);
			defaults.put("localdb.cleanup.scheduled", "false");
			defaults.put("spring.jmx.enabled", "false");
			defaults.put("spring.autoconfigure.exclude", String.join(",", NOT_FOR_ONE_COMMAND));
		}
		application.setDefaultProperties(defaults);
		return application;
	}
}
