package dev.localdb.finder;

import java.util.Optional;

import dev.localdb.registry.Allocation;

/** The port the finder reserved, the strategy step that found it, and a note for the user if any. */
public record PortAssignment(Allocation allocation, Step step, Optional<String> note) {

	public int port() {
		return this.allocation.port();
	}

	/** The seed's strategy steps, in order. */
	public enum Step {

		REGISTRY, REQUESTED, BATCH_SCAN, DEFAULT_RANGE, FALLBACK_RANGE, EXTENDED_RANGE

	}

}
