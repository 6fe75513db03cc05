package dev.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The image as built from the Dockerfile (no Docker engine runs on the build machines, so the
 * file itself is checked): a small build context, pinned bases, a health check and JVM options
 * that follow the settings.
 */
class DockerfileTests {

	private final String dockerfile = read("Dockerfile");

	@Test
	void theBuildContextLeavesBuildOutputAndHistoryOut() {
		List<String> ignored = read(".dockerignore").lines().map(String::strip).toList();
		assertThat(ignored).contains("target/", ".git/");
	}

	@Test
	void baseImagesArePinnedToOneRelease() {
		List<String> bases = this.dockerfile.lines().filter(line -> line.startsWith("FROM ")).toList();
		assertThat(bases).hasSize(2)
			.allSatisfy(line -> assertThat(line).matches("FROM eclipse-temurin:\\d+\\.\\d+\\.\\d+_\\d+-j(dk|re)-\\w+.*"));
	}

	@Test
	void theHealthCheckFollowsTheWebPortAndTheEntryPointHonoursJavaOpts() {
		assertThat(this.dockerfile).contains("http://127.0.0.1:${SERVER_PORT}/actuator/health")
			.doesNotContain("127.0.0.1:10400/actuator/health")
			.contains("exec java $JAVA_OPTS ");
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			throw new AssertionError(file + " is missing", ex);
		}
	}

}
