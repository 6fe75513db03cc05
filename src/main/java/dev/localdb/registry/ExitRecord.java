package dev.localdb.registry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How a project's last run ended, in {@code runtime/<project>/.studio/exit.json}: when, and its
 * exit status or the signal that ended it (one of the two). Written by the process that launched
 * the server (the daemon, as a rule) when it sees the server exit.
 */
@JsonPropertyOrder({ "at", "status", "signal" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExitRecord(Instant at, Integer status, Integer signal) {

	public ExitRecord {
		if (at == null || (status == null) == (signal == null)) {
			throw new IllegalArgumentException("'at' and one of 'status' and 'signal' are required");
		}
	}

	/** From the JDK's exit value: 128 + the signal for a process a signal ended. */
	public static ExitRecord of(int exitValue, Instant at) {
		return exitValue > 128 && exitValue < 128 + 65 ? new ExitRecord(at, null, exitValue - 128)
				: new ExitRecord(at, exitValue, null);
	}

	/** "status 3" or "signal 9". */
	public String describe() {
		return this.status != null ? "status " + this.status : "signal " + this.signal;
	}

}
