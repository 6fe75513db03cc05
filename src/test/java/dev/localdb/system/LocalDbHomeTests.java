package dev.localdb.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

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
		Path file = Files.writeString(this.temp.resolve("file"), "x");
		assertThat(LocalDbHome.problem(file)).hasValueSatisfying(problem -> assertThat(problem)
			.contains("cannot be created").contains("LOCALDB_HOME"));
		assertThat(LocalDbHome.problem(this.temp.resolve("fresh"))).isEmpty();
	}

	/** Commands started at the same instant on a fresh home each find it usable (they raced to create logs/). */
	@Test
	void commandsStartedAtOnceOnAFreshHomeAllFindItUsable() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			for (int round = 0; round < 20; round++) {
				Path fresh = this.temp.resolve("fresh-" + round);
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Optional<String>>> checks = IntStream.range(0, 16).mapToObj(i -> threads.submit(() -> {
					go.await();
					return LocalDbHome.problem(fresh);
				})).toList();
				go.countDown();
				for (Future<Optional<String>> check : checks) {
					assertThat(check.get()).isEmpty();
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
