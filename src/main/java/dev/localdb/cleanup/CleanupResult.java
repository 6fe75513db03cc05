package dev.localdb.cleanup;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What one cleanup pass removed, and when. Its JSON is the answer of {@code ports --cleanup --json}
 * and of {@code POST /actuator/ports}: {@code {"cleaned", "removed": [{project, port, reason}], "at"}}.
 */
@JsonPropertyOrder({ "cleaned", "removed", "at" })
public record CleanupResult(List<Removal> removed, Instant at) {

	public CleanupResult {
		removed = List.copyOf(removed);
	}

	@JsonProperty("cleaned")
	public int count() {
		return this.removed.size();
	}

}
