package dev.localdb.shell;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;

/**
 * Who a command runs for: the directory and environment of the user's shell, whether their
 * stdout and stderr are terminals, and where notes and progress go. A command run in this process
 * (one-shot, the interactive shell) runs for this process; one the daemon runs for a client runs
 * for that client, whose directory a {@code --command} starts in and whose environment (PATH,
 * virtualenvs, node versions) it gets. It reaches the command as an argument: the
 * {@link CommandContext} that every command method receives carries it as its input reader (LocalDB's
 * commands read no input), so nothing about the caller sits in a thread-local.
 */
public record Invocation(Path directory, Map<String, String> environment, boolean stderrTerminal, PrintWriter err,
		AtomicBoolean cancelled) implements InputReader {

	public Invocation {
		environment = Map.copyOf(environment);
	}

	/** This process as the user started it, with notes on its stderr. */
	static Invocation local() {
		return local(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
	}

	/**
	 * This process as the user started it, with notes going to {@code err}; a cancel flag of its
	 * own, so a Ctrl-C that cancelled one command of the interactive shell does not cancel the next.
	 */
	static Invocation local(PrintWriter err) {
		return new Invocation(Path.of(System.getProperty("user.dir")), System.getenv(), System.console() != null, err,
				new AtomicBoolean());
	}

	/**
	 * Whom the command runs for: what {@link CommandLine} put into its context; this process when
	 * something else ran it (Spring Shell's own runner or test client).
	 */
	static Invocation of(CommandContext context) {
		return context.inputReader() instanceof Invocation invocation ? invocation : local();
	}

	/** Ctrl-C: what the command has begun is undone (a start under way stops its server). */
	public void cancel() {
		this.cancelled.set(true);
	}

	public boolean isCancelled() {
		return this.cancelled.get();
	}

}
