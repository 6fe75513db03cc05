package dev.localdb.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.localdb.finder.PortRange;

/** Settings bind into one validated tree; a bad value stops start-up and names the setting. */
class LocalDbPropertiesTests {

	@TempDir
	Path home;

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(CoreConfiguration.class)
			.withPropertyValues("localdb.home=" + this.home, "localdb.ports.default-range=3000-3999",
					"localdb.ports.fallback-range=4000-4999", "localdb.ports.extended-range=5000-9999");
	}

	@Test
	void bindsEverySetting() {
		runner().withPropertyValues("localdb.cleanup.interval=30m", "localdb.servers.stop-grace=2s",
				"localdb.servers.studio-jvm-options=-Xmx8m")
			.run(context -> {
				LocalDbProperties properties = context.getBean(LocalDbProperties.class);
				assertThat(properties.home()).isEqualTo(this.home);
				assertThat(properties.ports().defaultRange()).isEqualTo(new PortRange(3000, 3999));
				assertThat(properties.cleanup().interval()).isEqualTo(Duration.ofMinutes(30));
				assertThat(properties.cleanup().startGrace()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.servers().stopGrace()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.servers().startTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.servers().studioJvmOptions()).containsExactly("-Xmx8m");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "localdb.ports.default-range|3999-3000|above the high end",
			"localdb.ports.fallback-range|4000|not a range", "localdb.ports.extended-range|5000-70000|1-65535",
			"localdb.ports.default-range|0-10|1-65535", "localdb.cleanup.interval|0s|positive duration",
			"localdb.servers.stop-grace|-5s|positive duration" })
	void badValueStopsStartUpNamingTheSetting(String setting, String value, String why) {
		runner().withPropertyValues(setting + "=" + value).run(context -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(setting).contains(why);
		});
	}

}
