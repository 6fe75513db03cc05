package dev.localdb.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.ServerInfo;

/**
 * One health check of a running server. The listening socket must be the server's own (a foreign
 * listener or a TCP self-connection never counts); then an HTTP {@code GET} of its health path
 * (UP on any answer below 500: a dev server's 404 at {@code /} still answers), or with {@code tcp}
 * a connect. The daemon's checks every interval and a rolling restart's wait for an instance to be
 * UP are this one check.
 */
public final class HealthChecker {

	/** How a server's log or access log tells LocalDB's checks from its users' requests. */
	static final String USER_AGENT = "LocalDB-health";

	private final PortProbe probe;

	private final ProcessTable processes;

	private final Duration timeout;

	private final Clock clock;

	/** Made at the first check: a JDK HttpClient sets up TLS as it is built, 50 ms of the daemon's start-up. */
	private HttpClient http;

	public HealthChecker(PortProbe probe, ProcessTable processes, Duration timeout, Clock clock) {
		this.probe = probe;
		this.processes = processes;
		this.timeout = timeout;
		this.clock = clock;
	}

	private synchronized HttpClient http() {
		if (this.http == null) {
			// HTTP/1.1: the JDK's default HTTP/2 sends "Upgrade: h2c" on http://, and a server with an
			// upgrade listener (Vite's hot-reload socket, any Node server with one) never answers it
			this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(this.timeout)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
		}
		return this.http;
	}

	/**
	 * @param mode a connect or an HTTP path, or null for the default ({@code /health} for LocalDB
	 * Studio, {@code /} for a command)
	 */
	public HealthRecord check(ServerInfo server, HealthMode mode, Optional<HealthRecord> previous) {
		long started = System.nanoTime();
		Outcome outcome = outcome(server, mode);
		long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
		Instant now = this.clock.instant();
		Instant since = previous.filter(last -> last.status() == outcome.status()).map(HealthRecord::since).orElse(now);
		return new HealthRecord(outcome.status(), since, now, latency, outcome.detail());
	}

	private Outcome outcome(ServerInfo server, HealthMode mode) {
		Optional<Boolean> listening = this.probe.isListenedBy(server.port(), this.processes.family(server.processes()));
		if (listening.isPresent() && !listening.get()) {
			return new Outcome(HealthRecord.Status.DOWN, "its server does not listen on port " + server.port());
		}
		if (mode != null && mode.isTcp()) {
			return this.probe.accepts(server.host(), server.port(), this.timeout)
					? new Outcome(HealthRecord.Status.UP, "accepts connections")
					: new Outcome(HealthRecord.Status.DOWN, "refuses connections");
		}
		String path = mode != null ? mode.path() : server.command() == null ? "/health" : "/";
		URI uri = URI.create(server.url()).resolve(path);
		try {
			HttpResponse<Void> response = http().send(HttpRequest.newBuilder(uri).timeout(this.timeout).header("User-Agent", USER_AGENT).build(),
					HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			return new Outcome(status < 500 ? HealthRecord.Status.UP : HealthRecord.Status.DOWN,
					"GET " + path + ": HTTP " + status);
		}
		catch (IOException ex) {
			return new Outcome(HealthRecord.Status.DOWN, "GET " + path + ": no answer (" + ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(HealthRecord.Status.UNKNOWN, "the check was interrupted");
		}
	}

	private record Outcome(HealthRecord.Status status, String detail) {
	}

}
