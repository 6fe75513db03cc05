package dev.localdb.registry;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a project came from when {@code localdb up} started it ({@code source.json}): the
 * {@code localdb.yml} that defines it, so another file (or a plain {@code start}) cannot take the
 * name over silently, and the projects it depends on, so a resume after a reboot keeps their order.
 * A project started only with {@code start} has none.
 */
public record ProjectSource(String file, @JsonProperty("depends_on") List<String> dependsOn) {

	public ProjectSource {
		dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
	}

}
