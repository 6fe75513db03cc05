package dev.localdb.daemon;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.os.ProcessTable;
import dev.localdb.project.ProjectService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.shell.CommandRunner;
import dev.localdb.system.LaunchMode;
import dev.localdb.web.WebPort;
import dev.localdb.wire.DaemonAddress;

/**
 * The daemon: in {@code serve} mode (started by a client, or in the foreground) the application
 * also listens on the Unix socket of its home and runs every client's commands.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = LaunchMode.PROPERTY, havingValue = "serve")
@EnableConfigurationProperties(DaemonProperties.class)
class DaemonConfiguration {

	/** Before scheduled work begins: the restart supervisor's first check must find what this decided. */
	@Bean
	ResumeAtStart resumeAtStart(ProjectService projects, ServerInfoStore servers) {
		return new ResumeAtStart(projects, servers);
	}

	@Bean
	DaemonActivity daemonActivity(Clock clock) {
		return new DaemonActivity(clock);
	}

	@Bean
	DaemonServer daemonServer(RuntimePaths paths, CommandRunner commands, DaemonProperties properties,
			ProcessTable processes, DaemonActivity activity, Environment environment, ObjectProvider<WebPort> web,
			ConfigurableApplicationContext context) {
		return new DaemonServer(DaemonAddress.of(paths.home()), commands, properties, processes, activity,
				() -> webAddress(environment, web.getIfAvailable()), () -> exitSoon(context));
	}

	@Bean
	IdleExit idleExit(DaemonProperties properties, DaemonActivity activity, StaleAllocationCleaner cleaner, Clock clock,
			DaemonServer server, ConfigurableApplicationContext context) {
		return new IdleExit(properties, activity, cleaner, clock, server::reachable, () -> exitSoon(context));
	}

	/** What daemon.properties says of the web port: its URL, or that it waits for another program to free it. */
	private static String webAddress(Environment environment, WebPort web) {
		if (web != null) {
			return web.served() ? web.url()
					: "none yet (port " + web.port() + " is taken by another program; LocalDB binds it once it is free)";
		}
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			String taken = environment.getProperty("server.port", "10400");
			return "none (port " + taken + " is taken by another program)";
		}
		return "http://" + environment.getProperty("server.address", "127.0.0.1") + ":" + port + "/";
	}

	/** Stops the daemon from another thread: the one asking must get its answer first. */
	static void exitSoon(ConfigurableApplicationContext context) {
		Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context)), "localdb-daemon-exit");
		exit.start();
	}

}
