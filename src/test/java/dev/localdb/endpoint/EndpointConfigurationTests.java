package dev.localdb.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;

/** The ports endpoint is wired where it is exposed and absent where it is not, as Spring Boot's own are. */
class EndpointConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(EndpointConfiguration.class)
		.withBean(StaleAllocationCleaner.class, () -> mock(StaleAllocationCleaner.class))
		.withBean(RegistryService.class, () -> mock(RegistryService.class))
		.withBean(RuntimePaths.class, () -> mock(RuntimePaths.class));

	@Test
	void presentWhenExposedOverTheWeb() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health,ports")
			.run(context -> assertThat(context).hasSingleBean(PortsEndpoint.class));
	}

	@Test
	void absentWhenNotExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run(context -> assertThat(context).doesNotHaveBean(PortsEndpoint.class));
	}

	@Test
	void absentWhenExcluded() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=*",
					"management.endpoints.web.exposure.exclude=ports")
			.run(context -> assertThat(context).doesNotHaveBean(PortsEndpoint.class));
	}

}
