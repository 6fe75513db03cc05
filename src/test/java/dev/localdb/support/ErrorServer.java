package dev.localdb.support;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A server that listens on $PORT and answers every request with HTTP 500: a server that is down. */
public final class ErrorServer {

	private ErrorServer() {
	}

	public static void main(String[] args) throws Exception {
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))));
			while (true) {
				try (Socket client = server.accept()) {
					client.getInputStream().read(new byte[4096]);
					client.getOutputStream().write("HTTP/1.0 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n".getBytes());
				}
			}
		}
	}

	public static String command() {
		return TestServer.commandFor(ErrorServer.class);
	}

}
