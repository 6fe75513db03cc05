package dev.localdb.projectfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.registry.HealthMode;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

class ProjectFileReaderTests {

	@TempDir
	Path dir;

	@Test
	void readsEveryKeyWithDirectoriesRelativeToTheFile() throws IOException {
		Files.createDirectories(this.dir.resolve("frontend"));
		Files.writeString(this.dir.resolve(".env"), "A=b\n");
		List<ProjectDefinition> projects = read("""
				projects:
				  api:
				    command: ./gradlew bootRun
				    env: { SPRING_PROFILES_ACTIVE: dev, WORKERS: 4 }
				    env_file: .env
				    health: /actuator/health
				    restart: always
				    port: 10123
				    host: 127.0.0.1
				    stop_grace: 10s
				  web:
				    directory: frontend
				    command: npm run dev
				    depends_on: [api]
				    health: { mode: tcp }
				    no_port_flag: true
				""");
		ProjectDefinition api = projects.get(0);
		assertThat(api.name()).isEqualTo(ProjectName.of("api"));
		assertThat(api.directory()).isEqualTo(this.dir.toAbsolutePath());
		assertThat(api.env()).isEqualTo(Map.of("SPRING_PROFILES_ACTIVE", "dev", "WORKERS", "4"));
		assertThat(api.envFile()).isEqualTo(this.dir.toAbsolutePath().resolve(".env"));
		assertThat(api.health()).isEqualTo(HealthMode.http("/actuator/health"));
		assertThat(api.restart()).isEqualTo(RestartPolicy.ALWAYS);
		assertThat(api.port()).isEqualTo(10123);
		assertThat(api.stopGrace()).isEqualTo(Duration.ofSeconds(10));
		ProjectDefinition web = projects.get(1);
		assertThat(web.directory()).isEqualTo(this.dir.toAbsolutePath().resolve("frontend"));
		assertThat(web.dependsOn()).containsExactly(ProjectName.of("api"));
		assertThat(web.health()).isEqualTo(HealthMode.TCP);
		assertThat(web.noPortFlag()).isTrue();
		assertThat(web.restart()).as("a file's projects restart on failure by default").isEqualTo(RestartPolicy.ON_FAILURE);
	}

	@Test
	void aClusterAndItsNamedPortsAreKeysOfTheProject() throws IOException {
		List<ProjectDefinition> projects = read("""
				projects:
				  api:
				    command: serve
				    instances: 3
				    ports: [debug, metrics]
				  web:
				    command: serve
				""");
		assertThat(projects.get(0).instances()).isEqualTo(3);
		assertThat(projects.get(0).ports()).containsExactly("debug", "metrics");
		assertThat(projects.get(1).instances()).as("one server unless the file says more").isEqualTo(1);
		assertThat(projects.get(1).ports()).isEmpty();
		assertMistake("""
				projects:
				  api:
				    command: serve
				    instances: 0
				""", "localdb.yml:4:16: instances must be a number from 1 to 32.");
		assertMistake("""
				projects:
				  api:
				    command: serve
				    ports: [debug, Debug]
				""", "localdb.yml:4:20: ports lists names of more ports, each a lowercase letter, then up to 30 "
						+ "lowercase letters, digits or '_', once, e.g. ports: [debug, metrics].");
	}

	@Test
	void eachMistakeIsNamedWithItsLineAndColumn() throws IOException {
		assertMistake("""
				projects:
				  api:
				    comand: serve
				""", "localdb.yml:3:5: unknown key 'comand' in project 'api' (did you mean 'command'?).");
		assertMistake("""
				projects:
				  api:
				    command: serve
				    port: [1, 2]
				""", "localdb.yml:4:11: port must be a number from 1 to 65535.");
		assertMistake("""
				projects:
				  "bad name":
				    command: serve
				""", "localdb.yml:2:3: 'bad name' is not a project name");
		assertMistake("""
				projects:
				  api:
				    command: serve
				    depends_on: [web]
				  web:
				    command: serve
				    depends_on: [api]
				""", "localdb.yml:4:18: a dependency cycle: api -> web -> api.");
		assertMistake("""
				projects:
				  api:
				    directory: .
				""", "localdb.yml:2:3: project 'api' has no 'command'");
		assertMistake("""
				projects:
				  web:
				    command: serve
				    depends_on: [apj]
				  api:
				    command: serve
				""", "localdb.yml:4:18: 'web' depends on 'apj', which this file does not define (did you mean 'api'?).");
		assertMistake("""
				projects:
				  api:
				    command: serve
				    restart: sometimes
				""", "localdb.yml:4:14: restart is 'always', 'on-failure' or 'no', not 'sometimes'.");
		assertMistake("projects:\n  api: [\n", "localdb.yml:3:1: not valid YAML");
		assertMistake("""
				projects:
				  api:
				    command: serve
				    env_file: missing.env
				""", "localdb.yml:4:15: no file " + this.dir.toAbsolutePath().resolve("missing.env") + " for env_file.");
	}

	private void assertMistake(String text, String message) throws IOException {
		assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(LocalDbException.class, ex -> {
			assertThat(ex.failure()).isEqualTo(Failure.USAGE);
			assertThat(ex.getMessage()).startsWith(message);
		});
	}

	private List<ProjectDefinition> read(String text) throws IOException {
		Path file = this.dir.resolve("localdb.yml");
		Files.writeString(file, text);
		return ProjectFileReader.read(file, "localdb.yml");
	}

}
