package dev.localdb.system;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every feature shares: the home directory and the clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalDbHome.class)
class SystemConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

}
