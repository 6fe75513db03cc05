package dev.localdb.os;

/**
 * A server's processes as LocalDB tracks them: the process it launched ({@code leader}), the
 * session that process leads when it was started with setsid ({@code leadsSession}), and the
 * process that holds the server's listening socket ({@code listener}, null until it is known).
 * The leader may be a wrapper that is killed or exits while the server lives on in its session, or
 * as a daemonised listener outside it; the server runs while any of them does.
 */
public record ServerProcesses(ProcessIdentity leader, boolean leadsSession, ProcessIdentity listener) {

	public ServerProcesses {
		if (leader == null) {
			throw new IllegalArgumentException("leader is required");
		}
	}

	public static ServerProcesses of(ProcessIdentity leader) {
		return new ServerProcesses(leader, false, null);
	}

}
