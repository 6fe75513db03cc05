package dev.localdb.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server like Vite (Node with an {@code upgrade} listener for its hot-reload socket): a request
 * carrying {@code Upgrade: h2c} is never answered, any other gets 404. Each request's User-Agent is
 * printed (to the server log).
 */
public final class UpgradeIgnoringServer {

	private UpgradeIgnoringServer() {
	}

	public static void main(String[] args) throws Exception {
		List<Socket> hanging = new ArrayList<>();
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))));
			while (true) {
				Socket client = server.accept();
				BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
				boolean upgrade = false;
				String agent = "-";
				for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
					String lower = line.toLowerCase(Locale.ROOT);
					upgrade |= lower.startsWith("upgrade:") && lower.contains("h2c");
					if (lower.startsWith("user-agent:")) {
						agent = line.substring("user-agent:".length()).trim();
					}
				}
				System.out.println("request user-agent=" + agent + " upgrade=" + upgrade);
				System.out.flush();
				if (upgrade) {
					// kept open, never answered, as Node does when an upgrade listener ignores the request
					hanging.add(client);
					continue;
				}
				try (client) {
					client.getOutputStream()
						.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes());
				}
			}
		}
	}

	public static String command() {
		return TestServer.commandFor(UpgradeIgnoringServer.class);
	}

}
