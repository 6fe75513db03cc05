package dev.localdb.project;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A dev server for the cluster tests: listens on $PORT (127.0.0.1), answers every request with
 * the variables LocalDB gave it ({@code instance=2 port=… debug=…}), one thread per connection.
 */
final class InstanceServer {

	private InstanceServer() {
	}

	public static void main(String[] args) throws Exception {
		String body = "instance=" + System.getenv("LOCALDB_INSTANCE") + " port=" + System.getenv("PORT") + " debug="
				+ System.getenv("PORT_DEBUG") + " project=" + System.getenv("PROJECT_NAME") + "\n";
		byte[] response = ("HTTP/1.0 200 OK\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
			.getBytes(StandardCharsets.US_ASCII);
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))));
			while (true) {
				Socket client = server.accept();
				new Thread(() -> answer(client, response)).start();
			}
		}
	}

	private static void answer(Socket client, byte[] response) {
		try (client) {
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			String line = in.readLine();
			while (line != null && !line.isEmpty()) {
				line = in.readLine();
			}
			client.getOutputStream().write(response);
		}
		catch (Exception ex) {
			// the client went away
		}
	}

	/** A shell command that runs this server with the test class path. */
	static String command() {
		return "exec '" + Path.of(System.getProperty("java.home"), "bin", "java")
				+ "' -Xshare:auto -XX:TieredStopAtLevel=1 -Xmx32m -cp '" + System.getProperty("java.class.path") + "' "
				+ InstanceServer.class.getName();
	}

}
