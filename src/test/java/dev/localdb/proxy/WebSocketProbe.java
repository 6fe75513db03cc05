package dev.localdb.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client as a browser's dev tools would be, in a JVM of its own started with
 * {@code -Djdk.net.hosts.file} naming {@code <project>.localhost} (Java does not resolve
 * {@code *.localhost} itself, browsers and curl do): sends its argument, prints the answer.
 */
public final class WebSocketProbe {

	private WebSocketProbe() {
	}

	public static void main(String[] args) throws Exception {
		CompletableFuture<String> answer = new CompletableFuture<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create(args[0]), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					answer.complete(data.toString());
					return null;
				}
			})
			.get(20, TimeUnit.SECONDS);
		socket.sendText(args[1], true);
		System.out.println(answer.get(20, TimeUnit.SECONDS));
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
	}

}
