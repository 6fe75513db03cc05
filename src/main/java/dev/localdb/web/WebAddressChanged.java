package dev.localdb.web;

/**
 * Published when the web port's address changes: the daemon bound it after waiting for another
 * program to free it. {@code url} is what the daemon's state file records for clients and doctor.
 */
public record WebAddressChanged(String url, int port) {

	public WebAddressChanged {
		if (port <= 0 || port > 65535) {
			throw new IllegalArgumentException("A web port is 1-65535, not " + port);
		}
	}

}
