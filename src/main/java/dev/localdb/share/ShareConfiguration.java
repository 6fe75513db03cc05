package dev.localdb.share;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.project.ProjectCatalog;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.LaunchMode;

/**
 * {@code localdb share}'s tunnels ({@code localdb.share.*}): they live in the daemon, which
 * outlives the command that opened them; no other process has any.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = LaunchMode.PROPERTY, havingValue = "serve")
@EnableConfigurationProperties(ShareProperties.class)
class ShareConfiguration {

	@Bean
	Shares shares(ProjectCatalog catalog, RuntimePaths paths, ShareProperties settings) {
		return new Shares(catalog, paths, settings);
	}

	@Bean
	ApplicationRunner resumeKeptShares(Shares shares) {
		return arguments -> shares.resumeKept();
	}

}
