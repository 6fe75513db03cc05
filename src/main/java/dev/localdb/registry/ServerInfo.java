package dev.localdb.registry;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ServerProcesses;

/**
 * A running project's {@code server.json}: the seed's {@code pid}, {@code port} and
 * {@code started_at}, plus what LocalDB needs to recognise the server later and restart it: the
 * process start token, the address it listens on, and the command for a custom server (null for
 * LocalDB Studio). {@code pid} is the process LocalDB launched; {@code session} is true when it
 * leads its own session (its pid is the session id, which Linux never hands to another process
 * while any process of the session lives). {@code listener_pid} and {@code listener_start} name the
 * process that holds the listening socket, once the server listens; {@code ready} is false until
 * then (a file without it was written by a LocalDB that recorded servers once they listened).
 * {@code url} is written for people and scripts, and ignored on reading.
 */
@JsonPropertyOrder({ "pid", "port", "started_at", "process_start", "session", "listener_pid", "listener_start",
		"ready", "host", "command", "url" })
public record ServerInfo(long pid, int port, @JsonProperty("started_at") Instant startedAt,
		@JsonProperty("process_start") String processStart, boolean session,
		@JsonProperty("listener_pid") @JsonInclude(JsonInclude.Include.NON_NULL) Long listenerPid,
		@JsonProperty("listener_start") @JsonInclude(JsonInclude.Include.NON_NULL) String listenerStart, boolean ready,
		String host, String command) {

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
		if ((listenerPid == null) != (listenerStart == null) || (listenerPid != null && listenerPid <= 0)) {
			throw new IllegalArgumentException("'listener_pid' and 'listener_start' go together");
		}
	}

	/** A server that listens, launched without a session of its own, its listener not known. */
	public ServerInfo(long pid, int port, Instant startedAt, String processStart, String host, String command) {
		this(pid, port, startedAt, processStart, false, null, null, true, host, command);
	}

	/** {@code started_at} must be an ISO-8601 instant: a number is not read as one. */
	@JsonCreator
	static ServerInfo fromJson(@JsonProperty("pid") Long pid, @JsonProperty("port") Integer port,
			@JsonProperty("started_at") String startedAt, @JsonProperty("process_start") String processStart,
			@JsonProperty("session") Boolean session, @JsonProperty("listener_pid") Long listenerPid,
			@JsonProperty("listener_start") String listenerStart, @JsonProperty("ready") Boolean ready,
			@JsonProperty("host") String host, @JsonProperty("command") String command) {
		if (pid == null || port == null || startedAt == null) {
			throw new IllegalArgumentException("'pid', 'port' and 'started_at' are required");
		}
		try {
			return new ServerInfo(pid, port, Instant.parse(startedAt), processStart, Boolean.TRUE.equals(session),
					listenerPid, listenerStart, ready == null || ready, host, command);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'started_at' is not an ISO-8601 instant");
		}
	}

	/** The process LocalDB launched. */
	public ProcessIdentity process() {
		return new ProcessIdentity(this.pid, this.processStart);
	}

	/** Every process LocalDB tracks of this server: launched, its session, its listener. */
	@JsonIgnore
	public ServerProcesses processes() {
		return new ServerProcesses(process(), this.session, listener());
	}

	@JsonIgnore
	public ProcessIdentity listener() {
		return this.listenerPid == null ? null : new ProcessIdentity(this.listenerPid, this.listenerStart);
	}

	/** The pid users see: the listener's once it is known (a wrapper shell's pid is no server). */
	@JsonIgnore
	public long shownPid() {
		return this.listenerPid != null ? this.listenerPid : this.pid;
	}

	/** The process the registry entry names: the listener once known. */
	@JsonIgnore
	public ProcessIdentity shownProcess() {
		return this.listenerPid != null ? listener() : process();
	}

	/** This server once it listens, with the process that holds its socket (null: not known). */
	public ServerInfo listening(ProcessIdentity listener) {
		return new ServerInfo(this.pid, this.port, this.startedAt, this.processStart, this.session,
				listener == null ? null : listener.pid(), listener == null ? null : listener.start(), true, this.host,
				this.command);
	}

	/** This server as launched, not listening yet. */
	public ServerInfo starting() {
		return new ServerInfo(this.pid, this.port, this.startedAt, this.processStart, this.session, this.listenerPid,
				this.listenerStart, false, this.host, this.command);
	}

	@JsonProperty("url")
	public String url() {
		return url(this.host, this.port);
	}

	/** The URL of a server listening on {@code host} (every interface: this machine's loopback). */
	public static String url(String host, int port) {
		String shown = switch (host) {
			case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
			default -> host.contains(":") ? "[" + host + "]" : host;
		};
		return "http://" + shown + ":" + port + "/";
	}

}
