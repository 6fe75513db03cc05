package dev.localdb.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * This build of LocalDB, from {@code META-INF/build-info.properties} (written by the build): its
 * version for people, and an identity that differs between any two builds, for daemons.
 *
 * @param version the version, or "(development build)" when run from classes
 * @param identity a digest of the version and build time, or of where the code was loaded from
 */
public record BuildInfo(String version, String identity) {

	private static final BuildInfo CURRENT = read();

	public static BuildInfo current() {
		return CURRENT;
	}

	private static BuildInfo read() {
		try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
			if (in != null) {
				Properties info = new Properties();
				info.load(in);
				String version = info.getProperty("build.version", "(development build)");
				return new BuildInfo(version, Fingerprint.digest(version + " " + info.getProperty("build.time")));
			}
		}
		catch (IOException ex) {
			// fall through to the code location
		}
		return new BuildInfo("(development build)",
				Fingerprint.digest(String.valueOf(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation())));
	}

}
