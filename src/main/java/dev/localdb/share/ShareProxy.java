package dev.localdb.share;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import dev.localdb.proxy.ProjectProxy;
import dev.localdb.registry.ProjectName;

/**
 * The one door of a share: a listener on an ephemeral loopback port that the relay's connections
 * reach, and that hands them to LocalDB's own proxy for this project only ({@link ProjectProxy}, as
 * the web port's {@code <project>.localhost} does: its healthy servers in turn), whatever Host or
 * absolute URI a request names; never to the dashboard, the actuator or another project. It asks
 * for the share's basic authentication when it has some, and tells the server who asked (the
 * relay's client, for {@code X-Forwarded-For}; the public URL's scheme for {@code -Proto}).
 */
final class ShareProxy implements AutoCloseable {

	/** One request as the project's log shows it. */
	record Line(String method, String path, int status, String remote) {

		@Override
		public String toString() {
			return "localdb share: " + this.method + " " + this.path + " " + this.status + " " + this.remote;
		}

	}

	private final String project;

	private final ProjectProxy proxy;

	private final byte[] credentials;

	private final String scheme;

	private final IntFunction<InetSocketAddress> originators;

	private final Consumer<Line> requests;

	private final Undertow server;

	/**
	 * @param auth USER:PASSWORD, or null for none
	 * @param scheme what the public URL's clients speak, for X-Forwarded-Proto
	 * @param originators the remote client of the connection from a local port, when the relay named it
	 */
	ShareProxy(String project, ProjectProxy proxy, String auth, String scheme,
			IntFunction<InetSocketAddress> originators, Consumer<Line> requests) {
		this.project = project;
		this.proxy = proxy;
		this.credentials = auth == null ? null
				: ("Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
					.getBytes(StandardCharsets.UTF_8);
		this.scheme = scheme;
		this.originators = originators;
		this.requests = requests;
		this.server = Undertow.builder()
			.addHttpListener(0, "127.0.0.1")
			.setIoThreads(1)
			.setWorkerThreads(2)
			.setHandler(this::handle)
			.build();
		this.server.start();
	}

	int port() {
		return ((InetSocketAddress) this.server.getListenerInfo().get(0).getAddress()).getPort();
	}

	private void handle(HttpServerExchange exchange) throws Exception {
		InetSocketAddress remote = this.originators.apply(exchange.getSourceAddress().getPort());
		if (remote != null) {
			exchange.setSourceAddress(remote);
		}
		String client = exchange.getSourceAddress().getAddress().getHostAddress();
		exchange.addExchangeCompleteListener((done, next) -> {
			String query = done.getQueryString();
			this.requests.accept(new Line(done.getRequestMethod().toString(),
					done.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query), done.getStatusCode(), client));
			next.proceed();
		});
		if (this.credentials != null) {
			String given = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
			byte[] offered = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
			// constant time: how much of a guess was right shows in no timing
			if (!MessageDigest.isEqual(offered, this.credentials)) {
				exchange.setStatusCode(StatusCodes.UNAUTHORIZED);
				exchange.getResponseHeaders()
					.put(Headers.WWW_AUTHENTICATE, "Basic realm=\"localdb share " + this.project + "\", charset=\"UTF-8\"");
				exchange.getResponseSender().send("This share needs a user name and password.\n");
				return;
			}
			// the share's password is not the project's business
			exchange.getRequestHeaders().remove(Headers.AUTHORIZATION);
		}
		exchange.setRequestScheme(this.scheme);
		// LocalDB's own proxy from here: the project's healthy servers in turn, another one tried when
		// a connection is refused, X-Forwarded-* replaced, and its pages (for a caller who is not the owner)
		this.proxy.handle(exchange, ProjectName.of(this.project));
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
