package dev.localdb.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The variables of {@code --env KEY=VALUE} and of a {@code .env} file ({@code --env-file}): one
 * {@code KEY=VALUE} a line, blank lines and {@code #} comments, an optional {@code export } prefix,
 * values bare (a {@code #} after a blank starts a comment), in single quotes (taken as they are)
 * or in double quotes ({@code \n}, {@code \t}, {@code \"}, {@code \\} and {@code \$} escapes). No
 * {@code $VAR} expansion: a value is what the file says. A bad line is a usage error that names
 * the file and the line, and nothing is started.
 */
final class EnvFile {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private EnvFile() {
	}

	/** The variables of the file, in its order; a later line of a name wins. */
	static Map<String, String> read(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new LocalDbException(Failure.USAGE, "Cannot read --env-file " + file + ": " + ex.getMessage()
					+ ". Give a readable .env file.", ex);
		}
		Map<String, String> variables = new LinkedHashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("export ") || line.startsWith("export\t")) {
				line = line.substring("export".length()).strip();
			}
			String where = file + ":" + (i + 1) + ": ";
			int equals = line.indexOf('=');
			if (equals < 0) {
				throw bad(where + "expected KEY=VALUE, found no '='");
			}
			String name = name(line.substring(0, equals).strip(), where);
			variables.put(name, value(line.substring(equals + 1).strip(), where));
		}
		return variables;
	}

	/** One {@code --env KEY=VALUE}: the value as given, quotes and all (the shell took its own). */
	static Map.Entry<String, String> assignment(String given) {
		int equals = given.indexOf('=');
		if (equals < 0) {
			throw bad("--env takes KEY=VALUE, not '" + given + "'");
		}
		return Map.entry(name(given.substring(0, equals), "--env " + given.substring(0, equals) + "=…: "),
				given.substring(equals + 1));
	}

	private static String name(String name, String where) {
		if (!NAME.matcher(name).matches()) {
			throw bad(where + "'" + name + "' is not a variable name (letters, digits and _, not starting with a digit)");
		}
		return name;
	}

	private static String value(String raw, String where) {
		if (raw.isEmpty()) {
			return "";
		}
		char quote = raw.charAt(0);
		if (quote != '\'' && quote != '"') {
			int comment = raw.indexOf(" #");
			int tab = raw.indexOf("\t#");
			int end = comment < 0 ? tab : tab < 0 ? comment : Math.min(comment, tab);
			return (end < 0 ? raw : raw.substring(0, end)).strip();
		}
		StringBuilder value = new StringBuilder();
		int i = 1;
		for (; i < raw.length() && raw.charAt(i) != quote; i++) {
			char c = raw.charAt(i);
			if (quote == '"' && c == '\\' && i + 1 < raw.length()) {
				char next = raw.charAt(++i);
				switch (next) {
					case 'n' -> value.append('\n');
					case 't' -> value.append('\t');
					case 'r' -> value.append('\r');
					case '"', '\\', '$' -> value.append(next);
					default -> value.append('\\').append(next);
				}
			}
			else {
				value.append(c);
			}
		}
		if (i >= raw.length()) {
			throw bad(where + "the " + (quote == '"' ? "double" : "single") + " quote is not closed on this line");
		}
		String rest = raw.substring(i + 1).strip();
		if (!rest.isEmpty() && !rest.startsWith("#")) {
			throw bad(where + "unexpected '" + rest + "' after the closing quote");
		}
		return value.toString();
	}

	private static LocalDbException bad(String message) {
		return new LocalDbException(Failure.USAGE, message + ". Fix it, then run the command again.");
	}

}
