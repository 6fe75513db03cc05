package dev.localdb.project;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.LaunchMode;

/** Servers' logs rotated while they run ({@code localdb.logs.*}): the daemon's job. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogSettings.class)
class LogConfiguration {

	@Bean
	@ConditionalOnProperty(name = LaunchMode.PROPERTY, havingValue = "serve")
	LogRotation logRotation(ServerInfoStore servers, RuntimePaths paths, LogSettings settings) {
		return new LogRotation(servers, paths, settings);
	}

}
