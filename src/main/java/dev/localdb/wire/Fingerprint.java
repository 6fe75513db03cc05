package dev.localdb.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who a daemon is, as far as a client cares: its build, the digest of
 * {@code $LOCALDB_HOME/application.yml} when it started, and the digest of the settings of the
 * terminal that started it (the {@code -D} options and environment variables that configure
 * LocalDB). Written {@code build/configuration/settings} in {@code daemon.properties}; see
 * {@link Compatibility} for what each difference means.
 */
public record Fingerprint(String build, String configuration, String settings) {

	private static final String[] PROPERTY_PREFIXES = { "localdb.", "server.", "spring.", "management.", "logging." };

	private static final String[] VARIABLE_PREFIXES = { "LOCALDB_", "SERVER_", "SPRING_", "MANAGEMENT_", "LOGGING_" };

	public static Fingerprint of(Path home) {
		return new Fingerprint(BuildInfo.current().identity(), configurationDigest(home), digest(settingsText()));
	}

	public static Optional<Fingerprint> parse(String text) {
		String[] parts = text == null ? new String[0] : text.split("/", -1);
		return parts.length == 3 ? Optional.of(new Fingerprint(parts[0], parts[1], parts[2])) : Optional.empty();
	}

	@Override
	public String toString() {
		return this.build + "/" + this.configuration + "/" + this.settings;
	}

	/** The settings this client passes on to a daemon it starts: -D options that configure LocalDB. */
	public static Map<String, String> settingsProperties() {
		Map<String, String> properties = new TreeMap<>();
		// loops, not lambdas: this runs at every command's start-up, where a lambda's bootstrap costs ms
		for (String name : System.getProperties().stringPropertyNames()) {
			// localdb.client.*: how this client waits, no business of the daemon's
			if (configures(name, PROPERTY_PREFIXES) && !name.startsWith("localdb.daemon.fingerprint")
					&& !name.startsWith("localdb.client.")
					&& !name.equals("localdb.daemon.auto-started") && !name.startsWith(Launch.LAUNCH_PREFIX)
					&& !name.equals(Launch.WITH_DAEMON)) {
				properties.put(name, System.getProperty(name));
			}
		}
		return properties;
	}

	private static String settingsText() {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, String> property : settingsProperties().entrySet()) {
			text.append("-D").append(property.getKey()).append('=').append(property.getValue()).append('\n');
		}
		for (Map.Entry<String, String> variable : new TreeMap<>(System.getenv()).entrySet()) {
			String name = variable.getKey();
			if (configures(name, VARIABLE_PREFIXES) && !name.equals("LOCALDB_DAEMON") && !name.equals("LOCALDB_FAST")
					&& !name.equals("LOCALDB_HOME")) {
				text.append(name).append('=').append(variable.getValue()).append('\n');
			}
		}
		return text.toString();
	}

	private static String configurationDigest(Path home) {
		Path overrides = home.resolve("application.yml");
		try {
			if (Files.isRegularFile(overrides, LinkOption.NOFOLLOW_LINKS)) {
				return digest(Files.readString(overrides));
			}
			return "none";
		}
		catch (IOException ex) {
			return "unreadable";
		}
	}

	private static boolean configures(String name, String[] prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * FNV-1a, 64 bits: a name or a change detector, not a secret. (A MessageDigest would load the
	 * JDK's security providers: 10-15 ms of every command.)
	 */
	static String digest(String text) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= b & 0xff;
			hash *= 0x100000001b3L;
		}
		return Long.toHexString(hash);
	}

}
