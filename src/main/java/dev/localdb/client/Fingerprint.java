package dev.localdb.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
		System.getProperties().forEach((key, value) -> {
			String name = key.toString();
			if (configures(name, PROPERTY_PREFIXES) && !name.equals("localdb.daemon.fingerprint")
					&& !name.equals("localdb.daemon.auto-started")) {
				properties.put(name, value.toString());
			}
		});
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
		settingsProperties().forEach((name, value) -> text.append("-D").append(name).append('=').append(value).append('\n'));
		new TreeMap<>(System.getenv()).forEach((name, value) -> {
			if (configures(name, VARIABLE_PREFIXES) && !name.equals("LOCALDB_DAEMON") && !name.equals("LOCALDB_FAST")) {
				text.append(name).append('=').append(value).append('\n');
			}
		});
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

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
