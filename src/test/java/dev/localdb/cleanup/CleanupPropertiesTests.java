package dev.localdb.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.localdb.support.SettingsFailure;

/** {@code localdb.cleanup.*} binds with its defaults; a bad value stops start-up and names the setting. */
class CleanupPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CleanupProperties.class)
	static class Settings {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

	@Test
	void bindsWithDefaults() {
		this.runner.withPropertyValues("localdb.cleanup.interval=30m").run(context -> {
			CleanupProperties cleanup = context.getBean(CleanupProperties.class);
			assertThat(cleanup.interval()).isEqualTo(Duration.ofMinutes(30));
			assertThat(cleanup.startGrace()).isEqualTo(Duration.ofMinutes(2));
			assertThat(cleanup.scheduled()).isTrue();
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "localdb.cleanup.interval|0s|positive duration",
			"localdb.cleanup.start-grace|-1m|positive duration" })
	void badValueStopsStartUpNamingTheSetting(String setting, String value, String why) {
		this.runner.withPropertyValues(setting + "=" + value).run(context -> {
			assertThat(context).hasFailed();
			assertThat(SettingsFailure.messages(context)).contains(setting).contains(why);
		});
	}

}
