package dev.localdb.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a daemon must share with a client to run its commands: the same build, and the same
 * settings (the {@code -D} options and environment variables that configure LocalDB, and the
 * user's {@code $LOCALDB_HOME/application.yml}). Written {@code build/settings}, each a short digest,
 * so a mismatch can say which of the two differs.
 */
final class Fingerprint {

	private static final String[] PROPERTY_PREFIXES = { "localdb.", "server.", "spring.", "management.", "logging." };

	private static final String[] VARIABLE_PREFIXES = { "LOCALDB_", "SERVER_", "SPRING_", "MANAGEMENT_", "LOGGING_" };

	private Fingerprint() {
	}

	public static String of(Path home) {
		return build() + "/" + digest(settingsText(home));
	}

	/** The settings this client passes on to a daemon it starts: -D options that configure LocalDB. */
	public static Map<String, String> settingsProperties() {
		Map<String, String> properties = new TreeMap<>();
		// loops, not lambdas: this runs at every command's start-up, where a lambda's bootstrap costs ms
		for (String name : System.getProperties().stringPropertyNames()) {
			if (configures(name, PROPERTY_PREFIXES) && !name.equals("localdb.daemon.fingerprint")
					&& !name.equals("localdb.daemon.auto-started") && !name.startsWith(DaemonCommand.LAUNCH_PREFIX)) {
				properties.put(name, System.getProperty(name));
			}
		}
		return properties;
	}

	/** Why a daemon with {@code theirs} cannot serve a client with {@code mine}. */
	public static String difference(String mine, String theirs) {
		String[] a = mine.split("/", 2);
		String[] b = theirs.split("/", 2);
		if (!a[0].equals(b[0])) {
			return "it was started from another build of LocalDB";
		}
		return "it was started with other settings (-D options, LOCALDB_* variables or $LOCALDB_HOME/application.yml)";
	}

	private static String settingsText(Path home) {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, String> property : settingsProperties().entrySet()) {
			text.append("-D").append(property.getKey()).append('=').append(property.getValue()).append('\n');
		}
		for (Map.Entry<String, String> variable : new TreeMap<>(System.getenv()).entrySet()) {
			String name = variable.getKey();
			if (configures(name, VARIABLE_PREFIXES) && !name.equals("LOCALDB_DAEMON") && !name.equals("LOCALDB_FAST")) {
				text.append(name).append('=').append(variable.getValue()).append('\n');
			}
		}
		Path overrides = home.resolve("application.yml");
		try {
			if (Files.isRegularFile(overrides, LinkOption.NOFOLLOW_LINKS)) {
				text.append("application.yml=").append(digest(Files.readString(overrides)));
			}
		}
		catch (IOException ex) {
			text.append("application.yml unreadable");
		}
		return text.toString();
	}

	/** The build: its version and build time (build-info), or where the code was loaded from. */
	private static String build() {
		try (InputStream in = Fingerprint.class.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
			if (in != null) {
				Properties info = new Properties();
				info.load(in);
				return digest(info.getProperty("build.version") + " " + info.getProperty("build.time"));
			}
		}
		catch (IOException ex) {
			// fall through to the code location
		}
		return digest(String.valueOf(Fingerprint.class.getProtectionDomain().getCodeSource().getLocation()));
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
