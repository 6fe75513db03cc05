package dev.localdb.project;

import java.time.Duration;
import java.util.List;

/** How project servers are started and stopped; from {@code localdb.servers.*}. */
public record ProjectSettings(String host, Duration startTimeout, Duration stopGrace, List<String> studioJvmOptions,
		int logTailLines) {

	public ProjectSettings {
		studioJvmOptions = List.copyOf(studioJvmOptions);
	}

}
