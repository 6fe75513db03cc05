package dev.localdb.project;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.registry.RuntimePaths;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.LaunchMode;

/** Servers' logs rotated while they run ({@code localdb.servers.log-*}): the daemon's job. */
@Configuration(proxyBeanMethods = false)
class LogConfiguration {

	@Bean
	@ConditionalOnProperty(name = LaunchMode.PROPERTY, havingValue = "serve")
	LogRotation logRotation(ServerInfoStore servers, RuntimePaths paths, ProjectSettings settings) {
		return new LogRotation(servers, paths, settings);
	}

}
