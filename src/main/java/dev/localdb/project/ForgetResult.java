package dev.localdb.project;

import java.util.Optional;

import dev.localdb.registry.ProjectName;

/** A forgotten project, and the pid of the server that was stopped for it, if one ran. */
public record ForgetResult(ProjectName project, Optional<Long> stoppedPid) {

	/** What {@code forget} prints. */
	public String describe() {
		return "✓ " + this.project + " forgotten: " + this.stoppedPid.map(pid -> "its server (pid " + pid + ") stopped, ")
			.orElse("") + "its settings, logs and port released";
	}

}
