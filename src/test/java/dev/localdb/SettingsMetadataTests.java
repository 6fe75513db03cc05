package dev.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Editors know every setting HELP.md documents: the configuration processor's metadata names it,
 * with a description and a default.
 */
class SettingsMetadataTests {

	private static final Pattern DOCUMENTED = Pattern.compile("^\\| `[^`]*`? ?(?:\\(environment\\) / )?`?(localdb\\.[a-z.-]+)`",
			Pattern.MULTILINE);

	@Test
	void everyDocumentedSettingHasMetadataWithDescriptionAndDefault() throws IOException {
		Map<String, JsonNode> metadata = metadata();
		List<String> documented = documentedSettings();
		assertThat(documented).as("settings in HELP.md").hasSizeGreaterThanOrEqualTo(11);
		for (String setting : documented) {
			assertThat(metadata).as("metadata of %s", setting).containsKey(setting);
			JsonNode property = metadata.get(setting);
			assertThat(property.path("description").asString("")).as("description of %s", setting).isNotBlank();
			assertThat(property.has("defaultValue")).as("default of %s", setting).isTrue();
		}
	}

	private static Map<String, JsonNode> metadata() throws IOException {
		try (InputStream in = SettingsMetadataTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			Map<String, JsonNode> byName = new LinkedHashMap<>();
			JsonMapper.builder().build().readTree(in).path("properties").forEach(p -> byName.put(p.path("name").asString(), p));
			return byName;
		}
	}

	private static List<String> documentedSettings() throws IOException {
		Matcher matcher = DOCUMENTED.matcher(Files.readString(Path.of("HELP.md")));
		return matcher.results().map(result -> result.group(1)).distinct().toList();
	}

}
