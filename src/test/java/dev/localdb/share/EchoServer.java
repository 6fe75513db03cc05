package dev.localdb.share;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A project server for the share tests: answers every request with its project's name, the path
 * and the request's headers, so a test sees which project a request reached and what it was told.
 */
public final class EchoServer {

	private EchoServer() {
	}

	public static void main(String[] args) throws IOException {
		String project = System.getenv("PROJECT_NAME");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
		server.createContext("/", exchange -> {
			StringBuilder body = new StringBuilder("project=" + project + "\npath=" + exchange.getRequestURI() + "\n");
			new TreeMap<>(exchange.getRequestHeaders()).forEach((name, values) -> body
				.append(name.toLowerCase(Locale.ROOT)).append('=').append(String.join(",", values)).append('\n'));
			byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
	}

	/** A shell command that runs this server with the test class path. */
	static String command() {
		return "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xshare:auto -Xmx32m -cp '"
				+ System.getProperty("java.class.path") + "' " + EchoServer.class.getName();
	}

}
