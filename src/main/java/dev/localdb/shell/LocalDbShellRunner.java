package dev.localdb.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.LaunchMode;
import dev.localdb.wire.DaemonState;

/**
 * Runs the shell in the mode {@code main} chose: one command then exit with its status, or the
 * interactive session (JLine: line editing, history, completion of commands and project names).
 * In {@code serve} mode it does nothing; the web server keeps the process alive.
 */
@Component
class LocalDbShellRunner implements ApplicationRunner, ExitCodeGenerator {

	private final ApplicationContext context;

	private final RuntimePaths paths;

	private final Environment environment;

	private final CommandLine commandLine;

	private final ObjectProvider<LineReader> lineReader;

	private volatile int exitCode;

	/** The typed command that runs now, which Ctrl-C cancels; none at the prompt. */
	private final AtomicReference<Invocation> running = new AtomicReference<>();

	LocalDbShellRunner(ApplicationContext context, RuntimePaths paths, Environment environment, CommandLine commandLine,
			ObjectProvider<LineReader> lineReader) {
		this.context = context;
		this.paths = paths;
		this.environment = environment;
		this.commandLine = commandLine;
		this.lineReader = lineReader;
	}

	@Override
	public void run(ApplicationArguments args) {
		LaunchMode mode = LaunchMode.from(this.environment.getProperty(LaunchMode.PROPERTY));
		if (mode == LaunchMode.COMMAND) {
			this.exitCode = runOnce(args.getSourceArgs());
		}
		else if (mode == LaunchMode.INTERACTIVE) {
			runInteractive();
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private int runOnce(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
		// Ctrl-C cancels the command, which undoes what it had begun, instead of ending the JVM with a
		// half-started server and its registry entry left behind
		Invocation invocation = Invocation.local(err);
		SignalHandler previous = Signal.handle(new Signal("INT"), signal -> invocation.cancel());
		try {
			return this.commandLine.execute(List.of(args), out, invocation);
		}
		finally {
			Signal.handle(new Signal("INT"), previous);
		}
	}

	/** The shell's history holds what was typed (project names, commands): the user's alone. */
	private void privateHistory() {
		String name = this.environment.getProperty("spring.shell.history.name");
		if (name == null) {
			return;
		}
		Path history = Path.of(name);
		try {
			if (!Files.exists(history, LinkOption.NOFOLLOW_LINKS)) {
				Files.createDirectories(history.toAbsolutePath().getParent());
				Files.createFile(history, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else if (!Files.isSymbolicLink(history)) {
				Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-------"));
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			// the history is a convenience: the shell runs without it being private
		}
	}

	private void runInteractive() {
		privateHistory();
		// Spring Boot declares readiness after the runners return; this one returns when the user
		// leaves, and the session is ready now.
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		LineReader reader = this.lineReader.getObject();
		PrintWriter out = reader.getTerminal().writer();
		out.println("LocalDB port manager. Type 'help' for the commands, TAB to complete, 'exit' to leave.");
		out.println(webServerLine());
		out.flush();
		// JLine's own handler outside readLine is the JVM's default, which ends the session: a Ctrl-C
		// that lands between two commands (after one returned, before the prompt's handler is set)
		// killed it. This one stays for the whole session and cancels the running command, if any.
		reader.getTerminal().handle(Terminal.Signal.INT, signal -> {
			Invocation invocation = this.running.get();
			if (invocation != null) {
				invocation.cancel();
			}
		});
		String prompt = new AttributedString("localdb:> ", AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN))
			.toAnsi(reader.getTerminal());
		while (true) {
			String line;
			try {
				line = reader.readLine(prompt).trim();
			}
			catch (UserInterruptException ex) {
				continue;
			}
			catch (EndOfFileException ex) {
				break;
			}
			if (line.isEmpty()) {
				continue;
			}
			if (line.equals("exit") || line.equals("quit")) {
				break;
			}
			runCommand(line, out);
		}
		out.flush();
	}

	/**
	 * One typed command. While it runs, Ctrl-C cancels it as in the one-shot CLI (a start under way
	 * stops its server and releases the port) and the prompt comes back; JLine's default for the
	 * signal would end the whole shell and leave a half-started server recorded as running.
	 */
	private void runCommand(String line, PrintWriter out) {
		// notes and errors go to the terminal JLine manages, like the command's output
		Invocation invocation = Invocation.local(out);
		this.running.set(invocation);
		try {
			this.commandLine.execute(line, out, invocation, true);
		}
		finally {
			this.running.set(null);
		}
	}

	private String webServerLine() {
		if (Boolean.getBoolean(LaunchMode.WITH_DAEMON)) {
			String web = DaemonState.webAddress(this.paths.home());
			return web.startsWith("http") ? "The LocalDB daemon serves " + web + "actuator/ports and runs the hourly cleanup."
					: "The LocalDB daemon runs the hourly cleanup; its web server: " + web + ".";
		}
		String port = this.environment.getProperty("server.port", "10400");
		String address = this.environment.getProperty("server.address", "127.0.0.1");
		String url = "http://" + address + ":" + port + "/actuator/ports";
		String elsewhere = this.environment.getProperty(LaunchMode.WEB_ELSEWHERE, "");
		if (elsewhere.equals("localdb")) {
			return "Another LocalDB session already serves " + url + "; this session runs without a web server.";
		}
		if (!elsewhere.isEmpty()) {
			return "Port " + port + " is taken by another program, so this session runs without a web server. "
					+ "Set server.port (e.g. JAVA_OPTS=-Dserver.port=10401) to serve the actuator elsewhere.";
		}
		return "Allocations over HTTP: " + url;
	}

}
