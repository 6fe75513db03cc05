package dev.localdb.shell;

import java.io.PrintWriter;
import java.time.Duration;

import dev.localdb.project.StartProgress;

/** A spinner while a start waits for its server, only when a person is watching a terminal. */
final class TerminalProgress implements StartProgress {

	private static final String FRAMES = "|/-\\";

	private final PrintWriter err;

	private int frame;

	private boolean shown;

	private TerminalProgress(PrintWriter err) {
		this.err = err;
	}

	static StartProgress forTerminal(PrintWriter err) {
		return System.console() != null ? new TerminalProgress(err) : StartProgress.NONE;
	}

	@Override
	public void waiting(int port, Duration elapsed) {
		this.shown = true;
		this.err.printf("\r%c waiting for the server on port %d (%.1f s)", FRAMES.charAt(this.frame++ % 4), port,
				elapsed.toMillis() / 1000.0);
		this.err.flush();
	}

	@Override
	public void finished() {
		if (this.shown) {
			this.err.print("\r\033[K");
			this.err.flush();
		}
	}

}
