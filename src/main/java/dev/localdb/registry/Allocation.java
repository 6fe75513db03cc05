package dev.localdb.registry;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.os.ProcessIdentity;

/**
 * One project's port in the registry. {@code port}, {@code allocated_at} and {@code pid} are the
 * seed's fields. While a start is under way the entry is {@link State#RESERVED} and {@code pid}
 * is the reserving process; once the server runs it is {@link State#RUNNING} and {@code pid} is
 * the server. {@code process_start} is the start token of that pid, so a recycled pid is told
 * apart. An entry written by the seed's tool (no state, no start token) reads as running.
 */
@JsonPropertyOrder({ "port", "allocated_at", "pid", "process_start", "state" })
public record Allocation(int port, @JsonProperty("allocated_at") long allocatedAt, long pid,
		@JsonProperty("process_start") @JsonInclude(JsonInclude.Include.NON_NULL) String processStart, State state) {

	/** 9999-12-31: a later time is a corrupt file, not a date. */
	private static final long MAX_TIME = 253402300799999L;

	/** Linux pids fit in 22 bits; anything past an unsigned 32-bit number is not a pid. */
	private static final long MAX_PID = 4294967295L;

	public Allocation {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("'port' is " + port + ", outside 1-65535");
		}
		if (allocatedAt < 0 || allocatedAt > MAX_TIME) {
			throw new IllegalArgumentException("'allocated_at' is " + allocatedAt + ", not a time");
		}
		if (pid < 0 || pid > MAX_PID) {
			throw new IllegalArgumentException("'pid' is " + pid + ", not a pid");
		}
		if (state == null) {
			throw new IllegalArgumentException("'state' is required");
		}
	}

	@JsonCreator
	static Allocation fromJson(@JsonProperty("port") Integer port, @JsonProperty("allocated_at") Long allocatedAt,
			@JsonProperty("pid") Long pid, @JsonProperty("process_start") String processStart,
			@JsonProperty("state") State state) {
		return new Allocation(required(port, "port"), required(allocatedAt, "allocated_at"), required(pid, "pid"),
				processStart, state == null ? State.RUNNING : state);
	}

	private static <T> T required(T value, String field) {
		if (value == null) {
			throw new IllegalArgumentException("'" + field + "' is missing");
		}
		return value;
	}

	public static Allocation reserved(int port, long now, ProcessIdentity owner) {
		return new Allocation(port, now, owner.pid(), owner.start(), State.RESERVED);
	}

	public static Allocation running(int port, long allocatedAt, ProcessIdentity server) {
		return new Allocation(port, allocatedAt, server.pid(), server.start(), State.RUNNING);
	}

	/** The process this entry points at, when its start token is known. */
	public ProcessIdentity process() {
		return this.pid > 0 && this.processStart != null ? new ProcessIdentity(this.pid, this.processStart) : null;
	}

	public enum State {

		/** Port reserved, server not started yet. */
		RESERVED,
		/** The server was started and recorded in server.json. */
		RUNNING;

		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		@JsonCreator
		static State of(String label) {
			for (State state : values()) {
				if (state.label().equals(label)) {
					return state;
				}
			}
			throw new IllegalArgumentException("unknown state '" + label + "'");
		}

	}

}
