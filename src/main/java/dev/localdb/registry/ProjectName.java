package dev.localdb.registry;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * A project's name, checked before any path is built from it: a letter or digit, then up to 62
 * letters, digits, dots, underscores or hyphens. No slashes, no {@code ..}, no blanks, no control
 * characters: the name is a directory under {@code runtime/} and never anything else.
 */
public record ProjectName(@JsonValue String value) implements Comparable<ProjectName> {

	public static final String RULE = "1-63 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	public ProjectName {
		if (value == null || value.isEmpty()) {
			throw new LocalDbException(Failure.USAGE, "A project name is required (" + RULE + ").");
		}
		if (!VALID.matcher(value).matches()) {
			throw new LocalDbException(Failure.USAGE,
					"Invalid project name '" + printable(value) + "': use " + RULE + ", e.g. my-app.");
		}
	}

	@JsonCreator
	public static ProjectName of(String value) {
		return new ProjectName(value);
	}

	public static boolean isValid(String value) {
		return value != null && VALID.matcher(value).matches();
	}

	@Override
	public int compareTo(ProjectName other) {
		return this.value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return this.value;
	}

	private static String printable(String value) {
		StringBuilder shown = new StringBuilder();
		value.codePoints().limit(80).forEach(c -> {
			if (Character.isISOControl(c)) {
				shown.append(String.format("\\u%04x", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return value.length() > 80 ? shown + "..." : shown.toString();
	}

}
