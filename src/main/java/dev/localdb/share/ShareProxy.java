package dev.localdb.share;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import dev.localdb.project.Backend;

/**
 * The one door of a share: a listener on an ephemeral loopback port that the relay's connections
 * reach, and that takes them to this project's servers only (round robin over the healthy ones),
 * whatever Host or absolute URI a request names; never to the dashboard, the actuator or another
 * project. It asks for the share's basic authentication when it has some, and tells the server
 * who asked ({@code X-Forwarded-For/-Proto/-Host}). Undertow does the HTTP; this class decides
 * only where a request goes, so a proxy on the web port could take its place.
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

	private final Supplier<List<Backend>> backends;

	private final byte[] credentials;

	private final String scheme;

	private final IntFunction<InetSocketAddress> originators;

	private final Consumer<Line> requests;

	private final AtomicInteger next = new AtomicInteger();

	private final Map<String, ProxyHandler> proxies = new ConcurrentHashMap<>();

	private final Undertow server;

	/**
	 * @param auth USER:PASSWORD, or null for none
	 * @param scheme what the public URL's clients speak, for X-Forwarded-Proto
	 * @param originators the remote client of the connection from a local port, when the relay named it
	 */
	ShareProxy(String project, Supplier<List<Backend>> backends, String auth, String scheme,
			IntFunction<InetSocketAddress> originators, Consumer<Line> requests) {
		this.project = project;
		this.backends = backends;
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
		List<Backend> healthy = this.backends.get().stream().filter(Backend::healthy).toList();
		if (healthy.isEmpty()) {
			exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
			exchange.getResponseSender().send(this.project + " is not answering (stopped, or failing its health checks).\n");
			return;
		}
		exchange.setRequestScheme(this.scheme);
		Backend target = healthy.get(Math.floorMod(this.next.getAndIncrement(), healthy.size()));
		this.proxies.computeIfAbsent(target.host() + ":" + target.port(), this::proxyTo).handleRequest(exchange);
	}

	private ProxyHandler proxyTo(String hostAndPort) {
		String host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
		String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" + hostAndPort.substring(host.length())
				: hostAndPort;
		LoadBalancingProxyClient client = new LoadBalancingProxyClient().addHost(URI.create("http://" + authority));
		HttpHandler notFound = exchange -> exchange.setStatusCode(StatusCodes.BAD_GATEWAY);
		// X-Forwarded-* from the internet are replaced, never trusted
		return ProxyHandler.builder().setProxyClient(client).setReuseXForwarded(false).setRewriteHostHeader(false)
			.setNext(notFound).build();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
