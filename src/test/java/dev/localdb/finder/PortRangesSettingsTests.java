package dev.localdb.finder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.localdb.support.SettingsFailure;

/** {@code localdb.ports.*} binds into validated ranges; a bad value stops start-up and names the setting. */
class PortRangesSettingsTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PortRanges.class)
	static class Ranges {

	}

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(Ranges.class)
			.withPropertyValues("localdb.ports.default-range=3000-3999", "localdb.ports.fallback-range=4000-4999",
					"localdb.ports.extended-range=5000-9999");
	}

	@Test
	void bindsExcludedPortsAndRanges() {
		runner().withPropertyValues("localdb.ports.excluded=8080,9000-9010").run(context -> {
			BitSet never = context.getBean(PortRanges.class).neverHandedOut();
			assertThat(never.get(8080)).isTrue();
			assertThat(never.get(9005)).isTrue();
			assertThat(never.get(6000)).as("browsers refuse it").isTrue();
			assertThat(never.get(3000)).isFalse();
		});
	}

	@Test
	void bindsEveryRange() {
		runner().run(context -> {
			PortRanges ranges = context.getBean(PortRanges.class);
			assertThat(ranges.defaultRange()).isEqualTo(new PortRange(3000, 3999));
			assertThat(ranges.inOrder()).containsExactly(new PortRange(3000, 3999), new PortRange(4000, 4999),
					new PortRange(5000, 9999));
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "localdb.ports.default-range|3999-3000|above the high end",
			"localdb.ports.fallback-range|4000|not a range", "localdb.ports.extended-range|5000-70000|1-65535",
			"localdb.ports.default-range|0-10|1-65535", "localdb.ports.excluded|80-70|localdb.ports.excluded" })
	void badValueStopsStartUpNamingTheSetting(String setting, String value, String why) {
		runner().withPropertyValues(setting + "=" + value).run(context -> {
			assertThat(context).hasFailed();
			assertThat(SettingsFailure.messages(context)).contains(setting).contains(why);
		});
	}

}
