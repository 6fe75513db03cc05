package dev.localdb.studio;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * LocalDB Studio for one project: the default server that {@code localdb start} runs. It uses the
 * JDK's built-in HTTP server and nothing else (no Spring), so dozens can run at once in little
 * memory. It reads {@code PORT}, {@code PROJECT_NAME} and {@code LOCALDB_HOST} (default
 * {@code 127.0.0.1}: loopback, not the seed's {@code 0.0.0.0}) and stops on SIGTERM.
 */
public final class StudioServer {

	private StudioServer() {
	}

	public static void main(String[] args) throws IOException {
		String project = require("PROJECT_NAME");
		int port = Integer.parseInt(require("PORT"));
		String host = System.getenv().getOrDefault("LOCALDB_HOST", "127.0.0.1");
		Instant started = Instant.now();

		HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 50);
		server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
			Thread thread = new Thread(runnable, "studio-http");
			thread.setDaemon(true);
			return thread;
		}));
		server.createContext("/health", exchange -> respond(exchange, 200, "application/json",
				"{\"status\":\"UP\",\"project\":\"" + project + "\",\"port\":" + port + "}"));
		server.createContext("/", exchange -> {
			if (!"/".equals(exchange.getRequestURI().getPath())) {
				respond(exchange, 404, "text/plain; charset=utf-8", "Not found\n");
				return;
			}
			respond(exchange, 200, "text/html; charset=utf-8", page(project, host, port, started));
		});
		Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "studio-stop"));
		server.start();
		System.out.println("LocalDB Studio for " + project + " listening on http://" + host + ":" + port + "/");
	}

	private static String require(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			System.err.println("LocalDB Studio needs the environment variable " + name
					+ "; it is started by 'localdb start <project>'.");
			System.exit(2);
		}
		return value;
	}

	private static String page(String project, String host, int port, Instant started) {
		return """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8"><title>%1$s · LocalDB Studio</title>
				<style>body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:40rem;color:#222}
				code{background:#f3f3f3;padding:.1rem .3rem;border-radius:4px}</style></head>
				<body><h1>%1$s</h1>
				<p>LocalDB Studio is running for project <strong>%1$s</strong>.</p>
				<ul><li>Address: <code>http://%2$s:%3$d/</code></li>
				<li>Started: <code>%4$s</code></li>
				<li>Health: <a href="/health"><code>/health</code></a></li></ul>
				<p>Stop it with <code>localdb stop %1$s</code>; see every project with <code>localdb list</code>.</p>
				</body></html>
				""".formatted(project, host, port, started);
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
