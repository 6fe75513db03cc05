package dev.localdb.share;

import java.nio.file.Path;

import dev.localdb.registry.ProjectName;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * What {@code localdb share} was asked: the relay and port (null: the settings'), the key file
 * (null: the usual ones in the SSH directory), HTTP basic credentials for shared traffic (null:
 * none), whether an unknown host key may be accepted, whether the share survives a daemon
 * restart, and the agent socket of the caller's shell (null: no agent).
 */
public record ShareRequest(ProjectName project, String via, Integer remotePort, Path identity, String auth,
		boolean acceptNewHost, boolean keep, Path agentSocket) {

	public ShareRequest {
		if (project == null) {
			throw new IllegalArgumentException("project");
		}
		if (via != null) {
			Relay.parse(via, "--via");
		}
		if (remotePort != null && (remotePort < 0 || remotePort > 65535)) {
			throw new LocalDbException(Failure.USAGE,
					"--remote-port takes a port 0-65535 (0: the relay picks one), not " + remotePort + ".");
		}
		if (auth != null) {
			int colon = auth.indexOf(':');
			if (colon <= 0 || colon == auth.length() - 1) {
				throw new LocalDbException(Failure.USAGE,
						"--auth takes USER:PASSWORD, both non-empty (e.g. --auth demo:s3cret), for the basic authentication of shared traffic.");
			}
		}
	}

	/** The same request, resumed by the daemon: the host key is in known_hosts by now. */
	ShareRequest resumed(Path agent) {
		return new ShareRequest(this.project, this.via, this.remotePort, this.identity, this.auth, false, true, agent);
	}

	@Override
	public String toString() {
		// the password stays out of logs
		return "ShareRequest[" + this.project + " via " + this.via + ", remote port " + this.remotePort
				+ (this.auth != null ? ", with basic auth" : "") + "]";
	}

}
