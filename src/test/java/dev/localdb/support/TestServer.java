package dev.localdb.support;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A well-behaved dev server for tests: listens on $PORT (127.0.0.1), answers 200, ends on SIGTERM. */
public final class TestServer {

	private TestServer() {
	}

	public static void main(String[] args) throws Exception {
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))));
			while (true) {
				try (Socket client = server.accept()) {
					client.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\ntest server\n".getBytes());
				}
			}
		}
	}

	/** A shell command that runs this server with the test class path. */
	public static String command() {
		return commandFor(TestServer.class);
	}

	/** A shell command that runs a main class of the tests, in place of the shell. */
	static String commandFor(Class<?> main) {
		return "exec '" + java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xshare:auto -cp '"
				+ System.getProperty("java.class.path") + "' " + main.getName();
	}

}
