package dev.localdb.project;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code --command} as {@code sh -c} runs it. A simple command (one program with its
 * arguments) runs with {@code exec} in place of the shell, so the process LocalDB launched, the one
 * {@code list} shows and users kill, is the server itself and no shell lingers; anything else
 * (operators, subshells, assignments, builtins) is left to the shell as written.
 */
final class ShellCommand {

	/** Shell control operators and substitutions: ; & | && || newline ( ) and backticks, and $( */
	private static final Pattern CONTROL = Pattern.compile("[;&|()`\\n\\r]");

	/** A program name or path, bare or quoted: nothing a shell would read as something else. */
	private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_./+-][A-Za-z0-9_./+@:-]*|'[^']+'|\"[^\"$`\\\\]+\"");

	/** Words that are no program exec could run, or that change what follows. */
	private static final Set<String> NOT_PROGRAMS = Set.of("exec", "cd", "export", "set", "unset", "source", ".",
			"eval", "exit", "return", "alias", "if", "then", "else", "fi", "for", "while", "until", "do", "done",
			"case", "esac", "function", "{", "}", "!", "time", "[[", "ulimit", "umask", "trap", "shift", "read", "wait",
			"local", "readonly", "command", "builtin", "nohup");

	private ShellCommand() {
	}

	/** True when the command is one program with its arguments, safe to prefix with {@code exec}. */
	static boolean isSimple(String command) {
		String trimmed = command.strip();
		if (trimmed.isEmpty() || CONTROL.matcher(trimmed).find() || trimmed.startsWith("#")) {
			return false;
		}
		String program = trimmed.split("\\s+", 2)[0];
		return PROGRAM.matcher(program).matches() && !NOT_PROGRAMS.contains(program);
	}

	/** What {@code sh -c} is given: the command, with {@code exec} in front when it is simple. */
	static String forShell(String command) {
		return isSimple(command) ? "exec " + command.strip() : command;
	}

}
