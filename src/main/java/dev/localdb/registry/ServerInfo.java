package dev.localdb.registry;

import java.time.Instant;

import dev.localdb.os.ProcessIdentity;

/**
 * A running project's {@code server.json}: the seed's {@code pid}, {@code port} and
 * {@code started_at}, plus what LocalDB needs to recognise the process later and restart it: the
 * process start token, the address it listens on, and the command for a custom server (null for
 * LocalDB Studio).
 */
public record ServerInfo(long pid, int port, Instant startedAt, String processStart, String host, String command) {

	public ServerInfo {
		if (pid <= 0) {
			throw new IllegalArgumentException("pid must be positive");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be within 1-65535");
		}
		if (startedAt == null || processStart == null || processStart.isBlank() || host == null || host.isBlank()) {
			throw new IllegalArgumentException("started_at, process_start and host are required");
		}
	}

	public ProcessIdentity process() {
		return new ProcessIdentity(this.pid, this.processStart);
	}

	public String url() {
		String shown = switch (this.host) {
			case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
			default -> this.host.contains(":") ? "[" + this.host + "]" : this.host;
		};
		return "http://" + shown + ":" + this.port + "/";
	}

}
