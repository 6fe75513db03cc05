package dev.localdb.proxy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HeaderValues;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

/**
 * What a dev server does that a proxy can break, on $PORT: {@code /headers} echoes the request's
 * headers, {@code /ws} echoes WebSocket messages, {@code /sse} sends one event and the second only
 * once {@code /next} is asked, {@code /upload} counts the bytes of the body it streams through.
 */
public final class DevServer {

	private static volatile CountDownLatch next = new CountDownLatch(1);

	private DevServer() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(System.getenv("PORT"));
		Undertow.builder()
			.addHttpListener(port, "127.0.0.1")
			.setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
			.setHandler(Handlers.path()
				.addPrefixPath("/ws", Handlers.websocket((exchange, channel) -> {
					channel.getReceiveSetter().set(new AbstractReceiveListener() {
						@Override
						protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
							WebSockets.sendText("echo: " + message.getData(), channel, null);
						}
					});
					channel.resumeReceives();
				}))
				.addPrefixPath("/", DevServer::blocking))
			.build()
			.start();
	}

	private static void blocking(HttpServerExchange exchange) throws Exception {
		if (exchange.isInIoThread()) {
			exchange.dispatch(DevServer::blocking);
			return;
		}
		exchange.startBlocking();
		String path = exchange.getRequestPath();
		if (path.equals("/sse")) {
			exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
			OutputStream out = exchange.getOutputStream();
			out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			boolean released = next.await(30, TimeUnit.SECONDS);
			out.write(("data: " + (released ? "two" : "timeout") + "\n\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			next = new CountDownLatch(1);
			exchange.endExchange();
			return;
		}
		if (path.equals("/next")) {
			next.countDown();
			exchange.getResponseSender().send("released\n");
			return;
		}
		if (path.equals("/upload")) {
			long count = 0;
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = exchange.getInputStream()) {
				for (int read; (read = in.read(buffer)) >= 0;) {
					count += read;
				}
			}
			exchange.getResponseSender().send("received " + count + "\n");
			return;
		}
		StringBuilder echo = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
		for (HeaderValues header : exchange.getRequestHeaders()) {
			for (String value : header) {
				echo.append(header.getHeaderName()).append(": ").append(value).append('\n');
			}
		}
		exchange.getResponseSender().send(echo.toString());
	}

}
