package dev.localdb.share;

import java.net.URI;
import java.net.URISyntaxException;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** An SSH server that relays a share: {@code ssh://[user@]host[:port]}; no user means the user's own name. */
record Relay(String user, String host, int port) {

	static Relay parse(String via, String option) {
		String what = option + " takes ssh://[user@]host[:port], e.g. ssh://me@relay.example.com:2222, not '" + via + "'.";
		if (via == null || via.isBlank()) {
			throw new LocalDbException(Failure.USAGE, what);
		}
		URI uri;
		try {
			uri = new URI(via.strip());
		}
		catch (URISyntaxException ex) {
			throw new LocalDbException(Failure.USAGE, what);
		}
		boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
		if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null || !noPath || uri.getRawQuery() != null
				|| uri.getRawFragment() != null) {
			throw new LocalDbException(Failure.USAGE, what);
		}
		String user = uri.getUserInfo();
		if (user != null && user.contains(":")) {
			throw new LocalDbException(Failure.USAGE, option + " takes no password: LocalDB signs in with your SSH keys "
					+ "or agent. Use ssh://" + user.substring(0, user.indexOf(':')) + "@" + uri.getHost() + ".");
		}
		if (user == null || user.isEmpty()) {
			user = System.getProperty("user.name");
		}
		String host = uri.getHost();
		// an IPv6 literal comes in brackets, which a socket address does not take
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return new Relay(user, host, uri.getPort() == -1 ? 22 : uri.getPort());
	}

	/** As known_hosts names it: {@code host}, or {@code [host]:port} off port 22. */
	String knownHostsName() {
		return this.port == 22 ? this.host : "[" + this.host + "]:" + this.port;
	}

	@Override
	public String toString() {
		return "ssh://" + this.user + "@" + bracketed() + (this.port == 22 ? "" : ":" + this.port);
	}

	private String bracketed() {
		return this.host.contains(":") ? "[" + this.host + "]" : this.host;
	}

}
