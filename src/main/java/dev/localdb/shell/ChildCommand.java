package dev.localdb.shell;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * A program {@code localdb exec} runs for its caller: in the caller's directory, with the caller's
 * environment and more, its stdout and stderr streamed to the caller's as they come (through the
 * daemon too), its exit status returned. Its stdin is /dev/null: the daemon has no way to forward
 * a terminal's input. The caller's Ctrl-C ends it (SIGTERM to it and its descendants, SIGKILL
 * after {@link #GRACE_SECONDS} s).
 */
final class ChildCommand {

	private static final int GRACE_SECONDS = 5;

	static final int NOT_RUN = 127;

	/** How long its output is still read after it exited: a child it left behind may hold the pipe. */
	private static final long DRAIN_MILLIS = 1000;

	private ChildCommand() {
	}

	static int run(List<String> command, Map<String, String> added, PrintWriter out, Invocation invocation) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(invocation.directory().toFile())
			.redirectInput(new File("/dev/null"));
		builder.environment().clear();
		builder.environment().putAll(invocation.environment());
		builder.environment().putAll(added);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			// 127, as sh and env(1) say a command cannot be run
			invocation.err().println("Error: cannot run '" + command.get(0) + "' in " + invocation.directory() + ": "
					+ ex.getMessage() + ". Check the command and that it is on PATH.");
			invocation.err().flush();
			return NOT_RUN;
		}
		Thread stdout = pump(process.getInputStream(), out, "localdb-exec-stdout");
		Thread stderr = pump(process.getErrorStream(), invocation.err(), "localdb-exec-stderr");
		try {
			while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
				if (invocation.isCancelled()) {
					end(process);
					throw new LocalDbException(Failure.CANCELLED, "Cancelled: '" + command.get(0) + "' was ended.");
				}
			}
			stdout.join(DRAIN_MILLIS);
			stderr.join(DRAIN_MILLIS);
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			end(process);
			throw new LocalDbException(Failure.CANCELLED, "Cancelled: '" + command.get(0) + "' was ended.");
		}
	}

	private static void end(Process process) {
		List<ProcessHandle> all = process.descendants().toList();
		process.destroy();
		all.forEach(ProcessHandle::destroy);
		try {
			process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static Thread pump(InputStream from, PrintWriter to, String name) {
		Thread thread = new Thread(() -> {
			char[] buffer = new char[8192];
			try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
				for (int read; (read = reader.read(buffer)) >= 0;) {
					synchronized (to) {
						to.write(buffer, 0, read);
						to.flush();
					}
				}
			}
			catch (IOException ex) {
				// the program is gone, or the caller: nothing more to pass on
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
