package dev.localdb;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.localdb.os.PortProbe;
import dev.localdb.system.LaunchMode;

/**
 * The one way an interactive session learns that the web port is taken: when something already
 * listens there (another session, usually), this session starts without a web server, before
 * Spring Boot tries to start one and reports the failure at length.
 */
final class WebPortCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		int port = environment.getProperty("server.port", Integer.class, 8080);
		if (port > 0 && !new PortProbe().isFree(port)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("localdb-web-server-elsewhere",
						Map.of("spring.main.web-application-type", "none", LaunchMode.WEB_ELSEWHERE, "true")));
		}
	}

}
