package dev.localdb.wire;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * The one line that turns while LocalDB waits for something a person is watching (a daemon
 * starting, a server starting to listen), rewritten in place on a terminal and wiped when the wait
 * ends, so the next line starts clean. Shared by the client and the shell; only for terminals.
 */
public final class Spinner {

	private static final String FRAMES = "|/-\\";

	private final PrintWriter out;

	private int frame;

	private boolean shown;

	public Spinner(PrintWriter out) {
		this.out = out;
	}

	/** {@code | starting the LocalDB daemon (1.2 s)}, one frame further than the last. */
	public void show(String what, Duration elapsed) {
		this.shown = true;
		this.out.printf("\r%c %s (%.1f s)", FRAMES.charAt(this.frame++ % FRAMES.length()), what,
				elapsed.toMillis() / 1000.0);
		this.out.flush();
	}

	/** Wipes the line, when it was shown. */
	public void clear() {
		if (this.shown) {
			this.out.print("\r\033[K");
			this.out.flush();
			this.shown = false;
		}
	}

}
