package dev.localdb.registry;

import java.time.Instant;

/** When the daemon gave up restarting a project, and after how many exits within its window. */
public record GaveUp(Instant at, int exits) {

	public GaveUp {
		if (at == null || exits < 0) {
			throw new IllegalArgumentException("'at' is required and 'exits' must not be negative");
		}
	}

}
