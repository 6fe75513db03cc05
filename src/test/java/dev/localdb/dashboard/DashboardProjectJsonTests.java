package dev.localdb.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.project.ProjectStatus;
import dev.localdb.registry.ProjectName;

/** The page reads a project's fields flat: those of {@code list --json}, then command, directory, CPU and memory. */
class DashboardProjectJsonTests {

	@Test
	void aProjectIsListJsonWithWhatADeveloperLooksForFirst() {
		ProjectStatus status = new ProjectStatus(ProjectName.of("web"), ProjectStatus.State.RUNNING, 3000, 42L, null,
				"http://127.0.0.1:3000/", null, 0, List.of(), null, null);
		JsonNode json = JsonMapper.builder()
			.build()
			.valueToTree(new DashboardProject(status, "npm run dev", "/src/web", 12, 52_428_800L));

		assertThat(json.get("project").asString()).isEqualTo("web");
		assertThat(json.get("state").asString()).isEqualTo("running");
		assertThat(json.get("port").asInt()).isEqualTo(3000);
		assertThat(json.get("command").asString()).isEqualTo("npm run dev");
		assertThat(json.get("directory").asString()).isEqualTo("/src/web");
		assertThat(json.get("cpuPercent").asInt()).isEqualTo(12);
		assertThat(json.get("memoryBytes").asLong()).isEqualTo(52_428_800L);
		assertThat(json.has("status")).isFalse();
	}

}
