package dev.localdb.proxy;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

import dev.localdb.web.AllocationsJson;

/**
 * {@code GET /actuator/ports} for the daemon's own user, answered by the front with the bytes the
 * actuator endpoint rendered: the same answer and media type, without the second HTTP hop to the
 * servlet server and Spring MVC behind it, the cost a dashboard or a script polling it feels. Only
 * the plain request takes it (no query, no {@code Accept} but the actuator's own types); anything
 * else goes the long way, as does a request whose user the kernel cannot name (it needs the token,
 * which the servlet server checks). Off until the endpoint is exposed on the web port.
 */
final class AllocationsShortcut {

	static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";

	static final String JSON = "application/json";

	private volatile String path;

	private volatile AllocationsJson allocations;

	/** @param path the endpoint's path on the web port ({@code /actuator/ports}, or the user's base path) */
	void enable(String path, AllocationsJson allocations) {
		this.allocations = allocations;
		this.path = path;
	}

	/** Whether this request is the plain GET the shortcut answers. */
	boolean handles(HttpServerExchange exchange) {
		String path = this.path;
		return path != null && Methods.GET.equals(exchange.getRequestMethod()) && exchange.getQueryString().isEmpty()
				&& path.equals(exchange.getRequestURI()) && mediaType(exchange) != null;
	}

	/**
	 * Sends the answer: at once when it is at hand as rendered, else from a worker thread, which
	 * runs {@code again} (remaking the report reads every server's liveness: not on an I/O thread).
	 */
	void answer(HttpServerExchange exchange, HttpHandler again) {
		Optional<byte[]> json = exchange.isInIoThread() ? this.allocations.ready() : Optional.of(this.allocations.json());
		if (json.isEmpty()) {
			exchange.dispatch(again);
			return;
		}
		exchange.setStatusCode(200);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, mediaType(exchange));
		exchange.getResponseSender().send(ByteBuffer.wrap(json.get()));
	}

	/** What the actuator answers for this {@code Accept}, or null where the shortcut leaves it the decision. */
	private static String mediaType(HttpServerExchange exchange) {
		String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
		if (accept == null || accept.isBlank() || accept.strip().equals("*/*") || accept.strip().equals(ACTUATOR_JSON)) {
			return ACTUATOR_JSON;
		}
		return accept.strip().equals(JSON) ? JSON : null;
	}

}
