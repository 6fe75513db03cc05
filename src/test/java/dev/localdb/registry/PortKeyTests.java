package dev.localdb.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.localdb.os.ProcessIdentity;

/** The registry's entry names: a project's, a cluster instance's, a named port's; never one for another. */
class PortKeyTests {

	final ProjectName api = ProjectName.of("api");

	@Test
	void namesReadAsTheyAreWritten() {
		for (String name : List.of("api", "api#2", "api:debug", "api#2:debug", "my.app-1#32:metrics_2")) {
			assertThat(PortKey.parse(name)).hasToString(name);
		}
		assertThat(PortKey.parse("api#2:debug")).isEqualTo(PortKey.instance(this.api, 2).named("debug"));
		assertThat(PortKey.parse("api:debug").server()).isEqualTo(PortKey.of(this.api));
		assertThat(PortKey.of(this.api).isProject()).isTrue();
		assertThat(PortKey.parse("api#2").isProject()).isFalse();
	}

	@Test
	void noEntryNameIsAValidProjectNameButTheProjectsOwn() {
		for (String name : List.of("api#2", "api:debug", "api#3:x")) {
			assertThat(ProjectName.isValid(name)).as(name).isFalse();
		}
		for (String bad : List.of("api#1", "api#0", "api#33", "api#x", "#2", "api:Debug", "api:", "api#2#3", "../x#2", "")) {
			assertThatThrownBy(() -> PortKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void theRegistryFileKeepsTheDesignsShapeWithOneEntryPerPort() {
		ProcessIdentity server = new ProcessIdentity(4045, "be3ce39b:97672");
		Registry registry = Registry.empty()
			.with(this.api, Allocation.running(3000, 1, server))
			.with(PortKey.of(this.api).named("debug"), Allocation.running(3001, 1, server))
			.with(PortKey.instance(this.api, 2), Allocation.running(3002, 1, server));

		String json = new String(StateJson.write(registry), StandardCharsets.UTF_8);
		assertThat(json).contains("\"ports\" : {", "\"api\" : {", "\"api:debug\" : {", "\"api#2\" : {", "\"last_cleanup\"")
			.doesNotContain("entries");
		Registry read = StateJson.read(json.getBytes(StandardCharsets.UTF_8), Registry.class, "The registry");
		assertThat(read).isEqualTo(registry);
		assertThat(read.ports()).containsOnlyKeys(this.api);
		assertThat(read.holderOf(3002)).hasValue(this.api);
		assertThatThrownBy(() -> registry.with(PortKey.instance(this.api, 3), Allocation.running(3001, 1, server)))
			.hasMessageContaining("one port is given to two");
		assertThatThrownBy(() -> StateJson.read("{\"ports\": {\"api#1\": {\"port\": 3000, \"allocated_at\": 1, \"pid\": 1}}}"
			.getBytes(StandardCharsets.UTF_8), Registry.class, "The registry")).isInstanceOf(CorruptFileException.class);
	}

}
