package dev.localdb.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A project server that says which instance of its cluster it is; one thread per connection. */
final class InstanceAnswer {

	private InstanceAnswer() {
	}

	public static void main(String[] args) throws Exception {
		byte[] body = ("instance=" + System.getenv("LOCALDB_INSTANCE") + "\n").getBytes(StandardCharsets.US_ASCII);
		byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))));
			while (true) {
				Socket client = server.accept();
				new Thread(() -> answer(client, head, body)).start();
			}
		}
	}

	private static void answer(Socket client, byte[] head, byte[] body) {
		try (client) {
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				// the request's head: what it asks does not matter
			}
			client.getOutputStream().write(head);
			client.getOutputStream().write(body);
		}
		catch (IOException ex) {
			// the client went away
		}
	}

}
