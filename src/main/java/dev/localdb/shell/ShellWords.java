package dev.localdb.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A line typed in the interactive shell, split into words as a POSIX shell splits it: single
 * quotes keep everything literally (backslashes too, so {@code --command 'printf "%s\n" x'} reaches
 * the server as typed), double quotes keep blanks and let a backslash escape only {@code $ ` " \},
 * and outside quotes a backslash escapes the next character. JLine's parser drops backslashes
 * inside single quotes. No expansion: {@code $PORT} stays for the server's shell.
 */
final class ShellWords {

	private ShellWords() {
	}

	/** @throws CommandLine.UsageException when a quote is not closed */
	static List<String> split(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\'') {
				int end = line.indexOf('\'', i + 1);
				if (end < 0) {
					throw unclosed("'");
				}
				word.append(line, i + 1, end);
				inWord = true;
				i = end;
			}
			else if (c == '"') {
				i = doubleQuoted(line, i + 1, word);
				inWord = true;
			}
			else if (c == '\\' && i + 1 < line.length()) {
				word.append(line.charAt(++i));
				inWord = true;
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				word.append(c);
				inWord = true;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

	/** @return the index of the closing quote */
	private static int doubleQuoted(String line, int from, StringBuilder word) {
		for (int i = from; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				return i;
			}
			if (c == '\\' && i + 1 < line.length() && "$`\"\\".indexOf(line.charAt(i + 1)) >= 0) {
				c = line.charAt(++i);
			}
			word.append(c);
		}
		throw unclosed("\"");
	}

	private static CommandLine.UsageException unclosed(String quote) {
		return new CommandLine.UsageException("Unclosed quote " + quote + ". Close the quotes and try again.");
	}

}
