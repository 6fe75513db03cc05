package dev.localdb.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * How the daemon checks a server: a TCP connect ({@link #TCP}), or an HTTP {@code GET} of a path.
 * Written to project.json as {@code "tcp"} or the path ({@code "/health"}).
 */
public record HealthMode(String path) {

	/** A connect decides. */
	public static final HealthMode TCP = new HealthMode(null);

	public HealthMode {
		if (path != null && !path.startsWith("/")) {
			throw new IllegalArgumentException("a health path starts with '/', not '" + path + "'");
		}
	}

	public static HealthMode http(String path) {
		return new HealthMode(path);
	}

	/** {@code tcp} or a path, as project.json holds it. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static HealthMode parse(String value) {
		return "tcp".equals(value) ? TCP : http(value);
	}

	/**
	 * {@code --health tcp}, or {@code --health-path PATH} (with {@code --health http} or alone);
	 * null when neither was given.
	 */
	public static HealthMode fromOptions(String mode, String path) {
		if (path != null && path.isBlank()) {
			path = null;
		}
		if (path != null && !path.startsWith("/")) {
			throw usage("--health-path takes a path starting with '/', e.g. --health-path /healthz.");
		}
		if (mode == null || mode.isBlank()) {
			return path == null ? null : http(path);
		}
		return switch (mode) {
			case "tcp" -> {
				if (path != null) {
					throw usage("--health tcp checks no path: drop --health-path.");
				}
				yield TCP;
			}
			case "http" -> http(path == null ? "/" : path);
			default -> throw usage("--health takes 'http' or 'tcp', not '" + mode + "'.");
		};
	}

	public boolean isTcp() {
		return this.path == null;
	}

	@JsonValue
	public String value() {
		return isTcp() ? "tcp" : this.path;
	}

	@Override
	public String toString() {
		return value();
	}

	private static LocalDbException usage(String message) {
		return new LocalDbException(Failure.USAGE, message);
	}

}
