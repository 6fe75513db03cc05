package dev.localdb.project;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * A stopped project: the port it gave up, whether it had to be killed, and whether something
 * outside the server's session still listens on that port (then the port is not free, whatever
 * the registry says). {@code others} (a cluster's further instances) is left out of JSON: {@code stop --json}
 * lists every instance, this one first, as {@code instances}.
 */
public record StopResult(ProjectName project, int port, long pid, boolean killed, boolean portStillInUse,
		@JsonIgnore List<StopResult> others) {

	public StopResult {
		others = others == null ? List.of() : List.copyOf(others);
	}

	/** One server stopped. */
	public StopResult(ProjectName project, int port, long pid, boolean killed, boolean portStillInUse) {
		this(project, port, pid, killed, portStillInUse, List.of());
	}

	/** With the further instances of a cluster that were stopped too. */
	StopResult withOthers(List<StopResult> others) {
		return new StopResult(this.project, this.port, this.pid, this.killed, this.portStillInUse, others);
	}

	/** A server that still runs after SIGKILL: its files stay. */
	static LocalDbException cannotStop(ProjectName project, ServerInfo info) {
		return new LocalDbException(Failure.CANNOT_STOP, "Could not stop the server of '" + project + "' (pid "
				+ info.shownPid() + "): it still runs after SIGKILL, so LocalDB may not signal it (another user's "
				+ "process?). Stop it as its owner, then run 'localdb ports --cleanup'.");
	}

	/** What {@code stop} prints. */
	public String describe() {
		if (!this.others.isEmpty()) {
			List<StopResult> all = Stream.concat(Stream.of(this), this.others.stream()).toList();
			String pids = all.stream().map(stopped -> Long.toString(stopped.pid())).collect(Collectors.joining(", "));
			String ports = all.stream().map(stopped -> Integer.toString(stopped.port())).collect(Collectors.joining(", "));
			boolean killed = all.stream().anyMatch(StopResult::killed);
			return "✓ " + this.project + " stopped (" + all.size() + " instances, pids " + pids
					+ (killed ? ", some killed after the grace period" : "") + "); ports " + ports + " released";
		}
		String how = this.killed ? ", killed after the grace period" : "";
		if (this.portStillInUse) {
			return "✓ " + this.project + " stopped (pid " + this.pid + how + "); port " + this.port
					+ " is still in use by a process outside its session: find it with 'ss -ltnp sport = :" + this.port
					+ "'";
		}
		return "✓ " + this.project + " stopped (pid " + this.pid + how + "); port " + this.port + " released";
	}

}
