package dev.localdb.project;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * A stopped project: the port it gave up, whether it had to be killed, and whether something
 * outside the server's session still listens on that port (then the port is not free, whatever
 * the registry says).
 */
public record StopResult(ProjectName project, int port, long pid, boolean killed, boolean portStillInUse) {

	/** A server that still runs after SIGKILL: its files stay. */
	static LocalDbException cannotStop(ProjectName project, ServerInfo info) {
		return new LocalDbException(Failure.CANNOT_STOP, "Could not stop the server of '" + project + "' (pid "
				+ info.shownPid() + "): it still runs after SIGKILL, so LocalDB may not signal it (another user's "
				+ "process?). Stop it as its owner, then run 'localdb ports --cleanup'.");
	}

	/** What {@code stop} prints. */
	public String describe() {
		String how = this.killed ? ", killed after the grace period" : "";
		if (this.portStillInUse) {
			return "✓ " + this.project + " stopped (pid " + this.pid + how + "); port " + this.port
					+ " is still in use by a process outside its session: find it with 'ss -ltnp sport = :" + this.port
					+ "'";
		}
		return "✓ " + this.project + " stopped (pid " + this.pid + how + "); port " + this.port + " released";
	}

}
