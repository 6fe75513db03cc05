package dev.localdb.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

	/**
	 * Dev servers that ignore the PORT environment variable, by the words that start them, with the
	 * flags that give them their port ({@code --strictPort}: fail rather than take the next port).
	 * Only the programs themselves: what {@code npm run dev} runs cannot be told.
	 */
	static final Map<List<String>, String> IGNORE_PORT = portFlags();

	private ShellCommand() {
	}

	private static Map<List<String>, String> portFlags() {
		Map<List<String>, String> flags = new LinkedHashMap<>();
		flags.put(List.of("vite"), "--port $PORT --strictPort");
		flags.put(List.of("react-router", "dev"), "--port $PORT --strictPort");
		flags.put(List.of("astro", "dev"), "--port $PORT");
		flags.put(List.of("ng", "serve"), "--port $PORT");
		return Collections.unmodifiableMap(flags);
	}

	/** A known dev server's command with the flags that give it its port, and what they are. */
	record PortFlag(String command, String program, String flags) {
	}

	/**
	 * The command with {@code --port $PORT} (and what else the server needs) appended, when it is a
	 * simple command that starts a dev server known to ignore $PORT ({@code vite},
	 * {@code npx vite}, a path ending in {@code /vite}...) and passes no port itself.
	 */
	static Optional<PortFlag> withPortFlag(String command) {
		if (!isSimple(command)) {
			return Optional.empty();
		}
		List<String> words = new ArrayList<>(List.of(command.strip().split("\\s+")));
		if (words.stream().anyMatch(word -> word.startsWith("--port") || word.equals("-p"))) {
			return Optional.empty();
		}
		if (words.get(0).equals("npx") && words.size() > 1) {
			words.remove(0);
		}
		String program = words.get(0).replace("'", "").replace("\"", "");
		words.set(0, program.substring(program.lastIndexOf('/') + 1));
		for (Map.Entry<List<String>, String> known : IGNORE_PORT.entrySet()) {
			List<String> start = known.getKey();
			if (words.size() >= start.size() && words.subList(0, start.size()).equals(start)) {
				return Optional.of(new PortFlag(command.strip() + " " + known.getValue(), String.join(" ", start),
						known.getValue()));
			}
		}
		return Optional.empty();
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
