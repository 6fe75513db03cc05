package dev.localdb.web;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a browser can reach on the web port answers only requests meant for this machine. A page on
 * another site can make a browser send requests to {@code 127.0.0.1:10400}, or rebind its own
 * name to 127.0.0.1 (DNS rebinding) and read the answers: so every request must name a loopback
 * host in {@code Host} (or the address the user configured), and a state-changing request that
 * carries an {@code Origin} must come from such a host too. Everything else is refused with 403.
 */
class LoopbackGuard extends OncePerRequestFilter {

	private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(),
			HttpMethod.OPTIONS.name());

	private final Set<String> allowedHosts;

	private final Refusal refusal;

	private final IntSupplier webPort;

	/**
	 * @param configuredAddress {@code server.address}, also accepted when the user set one
	 * @param webPort the port users reach (behind the front, not the one this server listens on)
	 */
	LoopbackGuard(String configuredAddress, Refusal refusal, IntSupplier webPort) {
		this.refusal = refusal;
		this.webPort = webPort;
		Set<String> allowed = new HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]", "localdb.localhost"));
		if (configuredAddress != null && !configuredAddress.isBlank()) {
			allowed.add(normalise(configuredAddress));
		}
		this.allowedHosts = Set.copyOf(allowed);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getHeader("Host");
		if (host == null || !this.allowedHosts.contains(hostName(host))) {
			this.refusal.refuse(request, response, "Host '" + host + "' is not this machine's loopback address; use http://127.0.0.1:"
					+ this.webPort.getAsInt() + "/");
			return;
		}
		String origin = request.getHeader("Origin");
		if (origin != null && !SAFE_METHODS.contains(request.getMethod()) && !isLocal(origin)) {
			this.refusal.refuse(request, response, "Requests from " + origin + " may not change LocalDB's state");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isLocal(String origin) {
		try {
			URI uri = URI.create(origin);
			return uri.getHost() != null && this.allowedHosts.contains(normalise(uri.getHost()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** {@code 127.0.0.1:10400} → {@code 127.0.0.1}; {@code [::1]:10400} → {@code [::1]}. */
	static String hostName(String hostHeader) {
		String host = hostHeader.trim().toLowerCase(Locale.ROOT);
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return end > 0 ? host.substring(0, end + 1) : host;
		}
		int colon = host.indexOf(':');
		return colon >= 0 ? host.substring(0, colon) : host;
	}

	private static String normalise(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower;
	}

}
