package dev.localdb.project;

import java.time.Duration;

/** Told while a start waits for its server to accept connections (a terminal shows a spinner). */
public interface StartProgress {

	StartProgress NONE = new StartProgress() {
	};

	default void waiting(int port, Duration elapsed) {
	}

	default void finished() {
	}

	/** True when the user asked to stop (Ctrl-C): the start is undone. */
	default boolean cancelled() {
		return false;
	}

}
