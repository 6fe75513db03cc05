package dev.localdb.dashboard;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret of this daemon, made when it starts and written only into the dashboard page it
 * serves. Every state-changing request of the dashboard must carry it: on top of the Host and
 * Origin checks, a page of another site cannot forge a request it cannot read the token for.
 */
final class DashboardToken {

	static final String HEADER = "X-LocalDB-Token";

	private final String value;

	DashboardToken() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		this.value = HexFormat.of().formatHex(bytes);
	}

	String value() {
		return this.value;
	}

	/** In constant time: a token is not guessed a character at a time. */
	boolean matches(String candidate) {
		return candidate != null && MessageDigest.isEqual(candidate.getBytes(), this.value.getBytes());
	}

}
