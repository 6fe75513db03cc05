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

	private final Invocation invocation;

	private TerminalProgress(PrintWriter err, Invocation invocation) {
		this.err = err;
		this.invocation = invocation;
	}

	static StartProgress forTerminal(Invocation invocation) {
		if (invocation.stderrTerminal()) {
			return new TerminalProgress(invocation.err(), invocation);
		}
		return new StartProgress() {

			@Override
			public boolean cancelled() {
				return invocation.isCancelled();
			}

		};
	}

	/** Once cancelled, the spinner leaves the line: the "Cancelled" error that follows starts it. */
	@Override
	public boolean cancelled() {
		boolean cancelled = this.invocation.isCancelled();
		if (cancelled) {
			finished();
			this.shown = false;
		}
		return cancelled;
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
