package dev.localdb.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** project.json keeps its shape on disk: the health mode and restart policy are plain strings. */
class RememberedProjectJsonTests {

	@Test
	void healthModeAndRestartPolicyAreWrittenAndReadAsTheStringsTheyWere() {
		RememberedProject http = new RememberedProject("npm run dev", "/src/web", "127.0.0.1", 3000,
				HealthMode.http("/healthz"), RestartPolicy.ON_FAILURE, 2, null);
		String json = new String(StateJson.write(http), StandardCharsets.UTF_8);
		assertThat(json).contains("\"health\" : \"/healthz\"", "\"restart\" : \"on-failure\"")
			.doesNotContain("no_port_flag");
		assertThat(StateJson.read(json.getBytes(StandardCharsets.UTF_8), RememberedProject.class, "project.json"))
			.isEqualTo(http);

		byte[] old = """
				{"command":null,"directory":null,"host":"127.0.0.1","port":3001,"health":"tcp","restart":null,"restarts":0}
				""".getBytes(StandardCharsets.UTF_8);
		RememberedProject tcp = StateJson.read(old, RememberedProject.class, "project.json");
		assertThat(tcp.health()).isEqualTo(HealthMode.TCP);
		assertThat(tcp.restart()).isNull();
		assertThat(new String(StateJson.write(new RememberedProject(null, null, "127.0.0.1", 3001, HealthMode.TCP,
				RestartPolicy.NO, 0, null)), StandardCharsets.UTF_8)).contains("\"health\" : \"tcp\"", "\"restart\" : null");
	}

}
