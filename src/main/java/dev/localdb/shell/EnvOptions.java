package dev.localdb.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;


/**
 * {@code --env KEY=VALUE} (repeatable) and {@code --env-file PATH} of {@code start} and
 * {@code restart}. Spring Shell binds one value per option, so every {@code --env} is read from
 * the parsed words themselves.
 */
final class EnvOptions {

	private EnvOptions() {
	}

	/**
	 * The words of a command line as they may be logged: each --env value hidden, its name kept
	 * (values are secrets).
	 */
	static List<String> redacted(List<String> words) {
		List<String> shown = new ArrayList<>(words.size());
		boolean value = false;
		for (String word : words) {
			if (value) {
				shown.add(hidden(word));
				value = false;
			}
			else if (word.startsWith("--env=")) {
				shown.add("--env=" + hidden(word.substring("--env=".length())));
			}
			else {
				shown.add(word);
				value = word.equals("--env");
			}
		}
		return shown;
	}

	private static String hidden(String assignment) {
		int equals = assignment.indexOf('=');
		return equals < 0 ? "…" : assignment.substring(0, equals) + "=…";
	}

	/**
	 * The variables given: the file's (a relative path is the caller's), then each --env over them;
	 * null when neither option was given (the project keeps the ones it has).
	 */
	static Map<String, String> of(CommandContext context, String envFile) {
		Map<String, String> variables = new LinkedHashMap<>();
		boolean given = false;
		if (envFile != null) {
			variables.putAll(EnvFile.read(Invocation.of(context).directory().resolve(Path.of(envFile))));
			given = true;
		}
		for (CommandOption option : context.parsedInput().options()) {
			if ("env".equals(option.longName())) {
				Map.Entry<String, String> assignment = EnvFile.assignment(option.value());
				variables.put(assignment.getKey(), assignment.getValue());
				given = true;
			}
		}
		return given ? variables : null;
	}

}
