package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.localdb.support.SettingsFailure;

/** {@code localdb.servers.*} binds with its defaults; a bad value stops start-up and names the setting. */
class ProjectSettingsTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProjectSettings.class)
	static class Settings {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

	@Test
	void bindsWithDefaults() {
		this.runner.withPropertyValues("localdb.servers.stop-grace=2s", "localdb.servers.studio-jvm-options=-Xmx8m")
			.run(context -> {
				ProjectSettings servers = context.getBean(ProjectSettings.class);
				assertThat(servers.host()).isEqualTo("127.0.0.1");
				assertThat(servers.stopGrace()).isEqualTo(Duration.ofSeconds(2));
				assertThat(servers.startTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(servers.logTailLines()).isEqualTo(20);
				assertThat(servers.studioJvmOptions()).containsExactly("-Xmx8m");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "localdb.servers.stop-grace|-5s|positive duration",
			"localdb.servers.start-timeout|0s|positive duration" })
	void badValueStopsStartUpNamingTheSetting(String setting, String value, String why) {
		this.runner.withPropertyValues(setting + "=" + value).run(context -> {
			assertThat(context).hasFailed();
			assertThat(SettingsFailure.messages(context)).contains(setting).contains(why);
		});
	}

}
