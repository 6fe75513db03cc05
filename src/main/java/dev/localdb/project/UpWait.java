package dev.localdb.project;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import dev.localdb.registry.HealthMode;
import dev.localdb.registry.ServerInfo;

/**
 * The wait of a rolling restart until a restarted instance is UP: it listens (the start waited for
 * that) and its health check passes, the same check as the daemon's (a GET of its health path
 * answered below 500, or with {@code tcp} a connect), so that no request sent to it fails once it
 * takes requests again.
 */
final class UpWait {

	private static final Duration POLL = Duration.ofMillis(50);

	private final HttpClient http = HttpClient.newBuilder()
		// HTTP/1.1: see HealthChecker (an h2c upgrade is never answered by some dev servers)
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/** @return empty when UP within {@code timeout}, else what the last check said */
	Optional<String> await(ServerInfo server, HealthMode mode, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no check yet";
		while (true) {
			last = check(server, mode);
			if (last == null) {
				return Optional.empty();
			}
			if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
				return Optional.of(last);
			}
			LockSupport.parkNanos(POLL.toNanos());
		}
	}

	/** Null when UP, else why not. */
	private String check(ServerInfo server, HealthMode mode) {
		if (mode != null && mode.isTcp()) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(URI.create(server.url()).getHost(), server.port()), 1000);
				return null;
			}
			catch (IOException ex) {
				return "refuses connections";
			}
		}
		String path = mode != null ? mode.path() : server.command() == null ? "/health" : "/";
		try {
			HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path))
				.timeout(Duration.ofSeconds(2))
				.header("User-Agent", "LocalDB-health")
				.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() < 500 ? null : "GET " + path + ": HTTP " + response.statusCode();
		}
		catch (IOException ex) {
			return "GET " + path + ": no answer (" + ex.getClass().getSimpleName() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
