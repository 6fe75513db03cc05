package dev.localdb.support;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.localdb.finder.PortRanges;

/** Points a Spring test context at a temp LOCALDB_HOME and test port ranges. */
public final class LocalDbTestProperties {

	private LocalDbTestProperties() {
	}

	public static void register(DynamicPropertyRegistry properties, Path home, PortRanges ranges) {
		properties.add("localdb.home", home::toString);
		properties.add("localdb.ports.default-range", () -> ranges.defaultRange().toString());
		properties.add("localdb.ports.fallback-range", () -> ranges.fallbackRange().toString());
		properties.add("localdb.ports.extended-range", () -> ranges.extendedRange().toString());
	}

}
