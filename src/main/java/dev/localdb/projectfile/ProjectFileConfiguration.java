package dev.localdb.projectfile;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.localdb.project.ProjectService;
import dev.localdb.registry.ServerInfoStore;

/** Projects as code: {@code localdb.yml}, read by {@code up} and {@code down}. */
@Configuration(proxyBeanMethods = false)
class ProjectFileConfiguration {

	@Bean
	ProjectFileService projectFileService(ProjectService projects, ServerInfoStore servers) {
		return new ProjectFileService(projects, servers);
	}

}
