package dev.localdb.registry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A running project's last health check, in {@code runtime/<project>/.studio/health.json}: UP, DOWN
 * or UNKNOWN, since when it has been so, when it was checked, how long the check took and what it
 * saw. Written by the daemon, read by every command.
 */
@JsonPropertyOrder({ "status", "since", "checkedAt", "latencyMillis", "detail" })
public record HealthRecord(Status status, Instant since, Instant checkedAt, long latencyMillis, String detail) {

	public HealthRecord {
		if (status == null || since == null || checkedAt == null) {
			throw new IllegalArgumentException("'status', 'since' and 'checkedAt' are required");
		}
		detail = detail == null ? "" : detail;
	}

	@JsonCreator
	static HealthRecord fromJson(@JsonProperty("status") Status status, @JsonProperty("since") String since,
			@JsonProperty("checkedAt") String checkedAt, @JsonProperty("latencyMillis") Long latency,
			@JsonProperty("detail") String detail) {
		if (since == null || checkedAt == null) {
			throw new IllegalArgumentException("'since' and 'checkedAt' are required");
		}
		return new HealthRecord(status, Instant.parse(since), Instant.parse(checkedAt), latency == null ? 0 : latency,
				detail);
	}

	public enum Status {

		UP, DOWN, UNKNOWN

	}

}
