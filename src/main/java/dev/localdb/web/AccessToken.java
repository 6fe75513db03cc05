package dev.localdb.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import dev.localdb.os.AtomicFile;
import dev.localdb.os.PrivateDirectory;
import dev.localdb.system.LocalDbException;

/**
 * The web port's secret: {@code runtime/web.token}, mode 0600 in the 0700 runtime directory, so
 * only the user who owns this {@code LOCALDB_HOME} can read it; {@code localdb dashboard} hands it
 * to that user's browser. No unauthenticated response contains it. It outlives the daemon: a page
 * left open across {@code daemon restart} keeps working.
 */
public final class AccessToken {

	/** The header a script sends it in; a browser sends the cookie {@link #cookieName(int)}. */
	public static final String HEADER = "X-LocalDB-Token";

	private final String value;

	private AccessToken(String value) {
		this.value = value;
	}

	/** The token of the home whose runtime directory this is, made when there is none yet. */
	public static AccessToken of(Path runtime) {
		Path file = runtime.resolve("web.token");
		try {
			PrivateDirectory.ensure(runtime);
			PrivateDirectory.requireNoLink(file);
			if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
				String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
				if (existing.length() >= 32) {
					return new AccessToken(existing);
				}
			}
			byte[] bytes = new byte[24];
			new SecureRandom().nextBytes(bytes);
			String made = HexFormat.of().formatHex(bytes);
			AtomicFile.write(file, made.getBytes(StandardCharsets.US_ASCII));
			return new AccessToken(made);
		}
		catch (IOException ex) {
			throw LocalDbException.storage("keep the web token in", file, ex);
		}
	}

	public String value() {
		return this.value;
	}

	/** In constant time: a token is not guessed a character at a time. */
	public boolean matches(String candidate) {
		return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
				this.value.getBytes(StandardCharsets.US_ASCII));
	}

	/** One cookie per port: two homes' daemons on 127.0.0.1 must not overwrite each other's. */
	public static String cookieName(int port) {
		return "localdb-" + port;
	}

}
