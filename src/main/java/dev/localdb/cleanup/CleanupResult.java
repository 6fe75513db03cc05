package dev.localdb.cleanup;

import java.time.Instant;
import java.util.List;

/** What one cleanup pass removed. */
public record CleanupResult(List<Removal> removed, Instant at) {

	public CleanupResult {
		removed = List.copyOf(removed);
	}

	public int count() {
		return this.removed.size();
	}

}
