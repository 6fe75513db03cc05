package dev.localdb.shell;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Who a command runs for: the directory and environment of the user's shell, whether their
 * stdout and stderr are terminals, and where notes and progress go. A command run in this process
 * (one-shot, the interactive shell) runs for this process; one the daemon runs for a client runs
 * for that client, whose directory a {@code --command} starts in and whose environment (PATH,
 * virtualenvs, node versions) it gets.
 */
public record Invocation(Path directory, Map<String, String> environment, boolean stderrTerminal, PrintWriter err,
		AtomicBoolean cancelled) {

	private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

	private static final Invocation LOCAL = new Invocation(Path.of(System.getProperty("user.dir")), System.getenv(),
			System.console() != null, new PrintWriter(System.err, true, StandardCharsets.UTF_8), new AtomicBoolean());

	public Invocation {
		environment = Map.copyOf(environment);
	}

	/** This process as the user started it. */
	static Invocation local() {
		return LOCAL;
	}

	static Invocation current() {
		Invocation invocation = CURRENT.get();
		return invocation != null ? invocation : local();
	}

	/**
	 * The same user's next command, with a cancel flag of its own: a Ctrl-C that cancelled one
	 * command of the interactive shell must not cancel the next.
	 */
	Invocation nextCommand() {
		return new Invocation(this.directory, this.environment, this.stderrTerminal, this.err, new AtomicBoolean());
	}

	/** Ctrl-C: what the command has begun is undone (a start under way stops its server). */
	public void cancel() {
		this.cancelled.set(true);
	}

	/** Runs {@code command} on this thread for this invocation. */
	public <T> T run(Supplier<T> command) {
		Invocation outer = CURRENT.get();
		CURRENT.set(this);
		try {
			return command.get();
		}
		finally {
			if (outer == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(outer);
			}
		}
	}

}
