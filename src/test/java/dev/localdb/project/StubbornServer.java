package dev.localdb.project;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import sun.misc.Signal;

/** A dev server that ignores SIGTERM, as some do: only SIGKILL ends it. */
public final class StubbornServer {

	private StubbornServer() {
	}

	public static void main(String[] args) throws Exception {
		Signal.handle(new Signal("TERM"), signal -> System.out.println("ignoring SIGTERM"));
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))));
			System.out.println("stubborn server listening");
			while (true) {
				try (Socket client = server.accept()) {
					client.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nstubborn\n".getBytes());
				}
			}
		}
	}

}
