package dev.localdb.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;

import dev.localdb.registry.RegistryService;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Runs one command through Spring Shell and turns every outcome into an exit status: the words
 * are parsed by {@link CommandWords} (unknown commands, unknown options and extra arguments are
 * usage errors), {@code CMD --help} prints the command's help, and each failure goes through
 * {@link CommandFailure}, in the one-shot and the interactive mode alike. Upstream: Spring Shell
 * 4.0.1's non-interactive runner exits 0 whatever happens (spring-projects/spring-shell#1339);
 * 4.0.2 (commit 8a52662) throws when a command returns a failing status, but a line its parser
 * rejects still ends with 0 (as on 4.0.3), so neither release retires this class: LocalDB's exit
 * statuses (2 usage, 3 not running, 130 cancelled) and its parsing stay here.
 */
class CommandLine implements CommandRunner {

	private static final Logger log = LoggerFactory.getLogger(CommandLine.class);

	private final CommandRegistry registry;

	private final CommandShapes shapes;

	private final CommandExecutor executor;

	private final RegistryService ports;

	CommandLine(CommandRegistry registry, CommandShapes shapes, RegistryService ports) {
		this.registry = registry;
		this.shapes = shapes;
		this.executor = new CommandExecutor(registry);
		this.ports = ports;
	}

	int execute(String line, PrintWriter out, Invocation invocation) {
		return execute(line, out, invocation, false);
	}

	/**
	 * A line typed in the interactive shell: split as a POSIX shell would ({@link ShellWords}).
	 * @param inShell hints name commands as they are typed here ('help', not 'localdb help')
	 */
	int execute(String line, PrintWriter out, Invocation invocation, boolean inShell) {
		PrintWriter err = invocation.err();
		List<String> words;
		try {
			words = ShellWords.split(line);
		}
		catch (UsageException ex) {
			err.println("Error: " + ex.getMessage());
			err.flush();
			return Failure.USAGE.exitCode();
		}
		return execute(words, out, invocation, inShell);
	}

	@Override
	public int execute(List<String> words, PrintWriter out, Invocation invocation) {
		return execute(words, out, invocation, false);
	}

	/** @return the exit status: 0 on success */
	int execute(List<String> typed, PrintWriter out, Invocation invocation, boolean inShell) {
		int recoveries = this.ports.recoveryCount();
		try {
			return run(topLevel(typed), out, invocation, inShell);
		}
		finally {
			// a corrupt registry this command found and rebuilt: its user hears of it, wherever it ran
			for (String notice : this.ports.recoveriesSince(recoveries)) {
				invocation.err().println("! " + notice);
			}
			invocation.err().flush();
		}
	}

	private int run(List<String> words, PrintWriter out, Invocation invocation, boolean inShell) {
		PrintWriter err = invocation.err();
		String name = words.isEmpty() ? null : words.get(0);
		try {
			ParsedInput parsed = CommandWords.parse(words, this.registry, this.shapes.arguments());
			String commandName = parsed.subCommands().isEmpty() ? parsed.commandName()
					: parsed.commandName() + " " + String.join(" ", parsed.subCommands());
			name = commandName;
			if (parsed.options().stream().anyMatch(option -> "help".equals(option.longName()))) {
				Command command = this.registry.getCommandByName(commandName);
				out.println(command.getHelp() == null || command.getHelp().isBlank() ? command.getDescription()
						: command.getHelp().stripTrailing());
				out.flush();
				return 0;
			}
			// whom the command runs for travels in its context, as the context's input reader
			ExitStatus status = this.executor.execute(new CommandContext(parsed, this.registry, out, invocation));
			out.flush();
			return status.code() == ExitStatus.OK.code() ? 0 : 1;
		}
		catch (Exception ex) {
			out.flush();
			if (CommandExit.status(ex).isPresent()) {
				return CommandExit.status(ex).getAsInt();
			}
			CommandFailure failure = CommandFailure.of(ex, name);
			if (!isDomainFailure(ex)) {
				log.error("Command '{}' failed", String.join(" ", EnvOptions.redacted(words)), ex);
			}
			err.println("Error: " + (inShell ? failure.message().replace("'localdb ", "'") : failure.message()));
			err.flush();
			return failure.exitCode();
		}
	}

	/**
	 * {@code localdb --help}, {@code -h} and {@code --version} as every command-line tool has them.
	 * Here, the one entry of every surface (one-shot, daemon, shell), so none of them lacks them.
	 */
	private static List<String> topLevel(List<String> words) {
		if (words.isEmpty()) {
			return words;
		}
		String replaced = switch (words.get(0)) {
			case "--help", "-h" -> "help";
			case "--version", "-V" -> "version";
			default -> null;
		};
		if (replaced == null) {
			return words;
		}
		List<String> aliased = new ArrayList<>(words);
		aliased.set(0, replaced);
		return aliased;
	}

	/** A failure LocalDB foresaw has its message; anything else is logged with its stack trace. */
	private static boolean isDomainFailure(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof LocalDbException) {
				return true;
			}
		}
		return false;
	}

	/** Bad input on the command line itself. */
	static final class UsageException extends LocalDbException {

		UsageException(String message) {
			super(Failure.USAGE, message);
		}

	}

}
