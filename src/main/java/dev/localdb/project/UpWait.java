package dev.localdb.project;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import dev.localdb.registry.HealthMode;
import dev.localdb.registry.ServerInfo;

/**
 * The wait of a rolling restart or a scale-up until a started instance is UP: it listens (the
 * start waited for that) and its health check passes, the same check as the daemon's (a GET of its
 * health path answered below 500, or with {@code tcp} a connect), so that no request sent to it
 * fails once it takes requests.
 */
final class UpWait {

	private static final Duration POLL = Duration.ofMillis(50);

	/** Made at the first wait: a JDK HttpClient sets up TLS as it is built, 50 ms of the daemon's start-up. */
	private HttpClient http;

	private synchronized HttpClient http() {
		if (this.http == null) {
			this.http = HttpClient.newBuilder()
				// HTTP/1.1: see HealthChecker (an h2c upgrade is never answered by some dev servers)
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(2))
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
		}
		return this.http;
	}

	/** One check: UP or not, how long it took, what it saw. */
	record Check(boolean up, long latencyMillis, String detail) {
	}

	/** @return the first check that found it UP within {@code timeout}, else the last one */
	Check await(ServerInfo server, HealthMode mode, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Check last = check(server, mode);
			if (last.up() || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
				return last;
			}
			LockSupport.parkNanos(POLL.toNanos());
		}
	}

	private Check check(ServerInfo server, HealthMode mode) {
		long started = System.nanoTime();
		boolean up;
		String detail;
		if (mode != null && mode.isTcp()) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(URI.create(server.url()).getHost(), server.port()), 1000);
				up = true;
				detail = "accepts connections";
			}
			catch (IOException ex) {
				up = false;
				detail = "refuses connections";
			}
		}
		else {
			String path = mode != null ? mode.path() : server.command() == null ? "/health" : "/";
			try {
				HttpResponse<Void> response = http().send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path))
					.timeout(Duration.ofSeconds(2))
					.header("User-Agent", "LocalDB-health")
					.build(), HttpResponse.BodyHandlers.discarding());
				up = response.statusCode() < 500;
				detail = "GET " + path + ": HTTP " + response.statusCode();
			}
			catch (IOException ex) {
				up = false;
				detail = "GET " + path + ": no answer (" + ex.getClass().getSimpleName() + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				up = false;
				detail = "interrupted";
			}
		}
		return new Check(up, Duration.ofNanos(System.nanoTime() - started).toMillis(), detail);
	}

}
