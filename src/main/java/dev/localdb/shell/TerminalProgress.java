package dev.localdb.shell;

import java.io.PrintWriter;
import java.time.Duration;

import dev.localdb.project.StartProgress;
import dev.localdb.wire.Spinner;

/** A spinner while a start waits for its server, only when a person is watching a terminal. */
final class TerminalProgress implements StartProgress {

	private final Spinner spinner;

	private final Invocation invocation;

	private TerminalProgress(PrintWriter err, Invocation invocation) {
		this.spinner = new Spinner(err);
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
			this.spinner.clear();
		}
		return cancelled;
	}

	@Override
	public void waiting(int port, Duration elapsed) {
		this.spinner.show("waiting for the server on port " + port, elapsed);
	}

	@Override
	public void finished() {
		this.spinner.clear();
	}

}
