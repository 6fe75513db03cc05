package dev.localdb.system;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives {@code localdb.home} its default ({@link LocalDbHome#resolve()}) before the configuration
 * files are read, so that {@code application.yml} can import {@code ${localdb.home}/application.yml}
 * and log to {@code ${localdb.home}/logs}. It is the last place Spring looks: {@code -D},
 * {@code LOCALDB_HOME} and test properties all come first.
 */
class HomeDefault implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MapPropertySource home = new MapPropertySource("localdb-home-default",
				Map.of("localdb.home", LocalDbHome.resolve().toString()));
		String configured = environment.getProperty("localdb.home");
		if (configured != null && configured.isBlank()) {
			// LOCALDB_HOME="" means unset, as everywhere else: not the working directory
			environment.getPropertySources().addFirst(home);
		}
		else {
			environment.getPropertySources().addLast(home);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
