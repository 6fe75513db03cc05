package dev.localdb.registry;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.localdb.os.ProcessIdentity;

/**
 * A running project's {@code server.json}: the seed's {@code pid}, {@code port} and
 * {@code started_at}, plus what LocalDB needs to recognise the process later and restart it: the
 * process start token, the address it listens on, and the command for a custom server (null for
 * LocalDB Studio). {@code url} is written for people and scripts, and ignored on reading.
 */
@JsonPropertyOrder({ "pid", "port", "started_at", "process_start", "host", "command", "url" })
public record ServerInfo(long pid, int port, @JsonProperty("started_at") Instant startedAt,
		@JsonProperty("process_start") String processStart, String host, String command) {

	public ServerInfo {
		if (pid <= 0 || pid > 4294967295L) {
			throw new IllegalArgumentException("'pid' is " + pid + ", not a pid");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("'port' is " + port + ", outside 1-65535");
		}
		if (startedAt == null || processStart == null || processStart.isBlank() || host == null || host.isBlank()) {
			throw new IllegalArgumentException("'started_at', 'process_start' and 'host' are required");
		}
	}

	/** {@code started_at} must be an ISO-8601 instant: a number is not read as one. */
	@JsonCreator
	static ServerInfo fromJson(@JsonProperty("pid") Long pid, @JsonProperty("port") Integer port,
			@JsonProperty("started_at") String startedAt, @JsonProperty("process_start") String processStart,
			@JsonProperty("host") String host, @JsonProperty("command") String command) {
		if (pid == null || port == null || startedAt == null) {
			throw new IllegalArgumentException("'pid', 'port' and 'started_at' are required");
		}
		try {
			return new ServerInfo(pid, port, Instant.parse(startedAt), processStart, host, command);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'started_at' is not an ISO-8601 instant");
		}
	}

	public ProcessIdentity process() {
		return new ProcessIdentity(this.pid, this.processStart);
	}

	@JsonProperty("url")
	public String url() {
		String shown = switch (this.host) {
			case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
			default -> this.host.contains(":") ? "[" + this.host + "]" : this.host;
		};
		return "http://" + shown + ":" + this.port + "/";
	}

}
