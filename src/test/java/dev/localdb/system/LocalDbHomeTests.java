package dev.localdb.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The home is bound from {@code localdb.home}; an unusable one is reported before anything starts. */
class LocalDbHomeTests {

	@TempDir
	Path temp;

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LocalDbHome.class)
	static class Home {

	}

	@Test
	void bindsTheConfiguredHomeAsAnAbsolutePath() {
		new ApplicationContextRunner().withUserConfiguration(Home.class)
			.withPropertyValues("localdb.home=" + this.temp.resolve("x/../home"))
			.run(context -> assertThat(context.getBean(LocalDbHome.class).home()).isEqualTo(this.temp.resolve("home")));
	}

	@Test
	void aMissingHomeStopsStartUpNamingTheSetting() {
		new ApplicationContextRunner().withUserConfiguration(Home.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("localdb.home is not set");
		});
	}

	@Test
	void aHomeThatIsAFileIsAProblemThatSaysWhatToDo() throws Exception {
		Path file = java.nio.file.Files.writeString(this.temp.resolve("file"), "x");
		assertThat(LocalDbHome.problem(file)).hasValueSatisfying(problem -> assertThat(problem)
			.contains("cannot be created").contains("LOCALDB_HOME"));
		assertThat(LocalDbHome.problem(this.temp.resolve("fresh"))).isEmpty();
	}

}
