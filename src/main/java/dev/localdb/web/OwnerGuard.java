package dev.localdb.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.localdb.os.SocketOwners;

/**
 * Loopback is shared by every user of the machine, so the web port serves the daemon's own user
 * only. A request whose connection another Unix user opened is refused (the kernel's socket table
 * says who, {@link SocketOwners}); only {@code /actuator/health}, which names no project, is open to
 * all. Where the kernel cannot say (not Linux), the {@link AccessToken} stands in for the user.
 * The dashboard ({@code /} and {@code /dashboard/...}) needs the token besides: the owner's own
 * browser may be driven by another site's page, and that page cannot read the token. The token
 * comes once in the address {@code localdb dashboard} opens, is swapped for an HttpOnly,
 * SameSite=Strict cookie, and the address is replaced by {@code /} (as Jupyter does).
 */
class OwnerGuard extends OncePerRequestFilter {

	private static final int REMEMBERED = 512;

	private final SocketOwners owners;

	private final OptionalInt ownUid;

	private final AccessToken token;

	private final Refusal refusal;

	/** The port users reach, which names the cookie (behind the front, not the one Tomcat listens on). */
	private final IntSupplier webPort;

	/** The owners of the connections seen last, at most {@value #REMEMBERED} (a bounded daemon). */
	private final Map<String, OptionalInt> connections = Collections.synchronizedMap(
			new LinkedHashMap<>(64, 0.75f, true) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, OptionalInt> eldest) {
					return size() > REMEMBERED;
				}

			});

	OwnerGuard(SocketOwners owners, OptionalInt ownUid, AccessToken token, Refusal refusal) {
		this(owners, ownUid, token, refusal, null);
	}

	OwnerGuard(SocketOwners owners, OptionalInt ownUid, AccessToken token, Refusal refusal, IntSupplier webPort) {
		this.owners = owners;
		this.ownUid = ownUid;
		this.token = token;
		this.refusal = refusal;
		this.webPort = webPort;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		OptionalInt peer = forwarded(peerUid(request), request);
		boolean userKnown = peer.isPresent() && this.ownUid.isPresent();
		boolean stranger = userKnown && peer.getAsInt() != this.ownUid.getAsInt();
		request.setAttribute(Caller.OWNER, userKnown ? !stranger : carriesToken(request));
		if (safe && (path.equals("/actuator/health") || path.startsWith("/actuator/health/"))) {
			chain.doFilter(request, response);
			return;
		}
		if (stranger) {
			this.refusal.refuse(request, response, "This LocalDB belongs to another user of this machine (uid "
					+ this.ownUid.getAsInt() + "); only /actuator/health is open to others. Run your own: localdb");
			return;
		}
		boolean dashboard = path.equals("/") || path.startsWith("/dashboard/");
		if (safe && path.equals("/") && this.token.matches(request.getParameter("token"))) {
			exchange(request, response);
			return;
		}
		if ((dashboard || !userKnown) && !carriesToken(request)) {
			this.refusal.refuse(request, response, dashboard
					? "The dashboard needs its token: open it with 'localdb dashboard' (it survives daemon restarts)."
					: "This system cannot tell which user connects; send the token of runtime/web.token in the "
							+ AccessToken.HEADER + " header.");
			return;
		}
		chain.doFilter(request, response);
	}

	/** The token from the address becomes a cookie the page's own requests carry; the address loses it. */
	private void exchange(HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, AccessToken.cookieName(port(request)) + "="
				+ this.token.value() + "; Path=/; HttpOnly; SameSite=Strict");
		response.setStatus(HttpServletResponse.SC_SEE_OTHER);
		response.setHeader(HttpHeaders.LOCATION, "/");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	private boolean carriesToken(HttpServletRequest request) {
		if (this.token.matches(request.getHeader(AccessToken.HEADER))) {
			return true;
		}
		Cookie[] cookies = request.getCookies();
		String name = AccessToken.cookieName(port(request));
		return cookies != null && Arrays.stream(cookies)
			.anyMatch(cookie -> cookie.getName().equals(name) && this.token.matches(cookie.getValue()));
	}

	private int port(HttpServletRequest request) {
		return this.webPort != null ? this.webPort.getAsInt() : request.getLocalPort();
	}

	/**
	 * Behind the front every connection comes from the daemon itself: the front read the user of
	 * its own connection from the kernel and says it in {@link Caller#PEER_UID} (dropping any the
	 * client sent). Only a connection of the daemon's own user is believed, so another user who
	 * connects to Tomcat's internal port directly is still known for who they are.
	 */
	private OptionalInt forwarded(OptionalInt peer, HttpServletRequest request) {
		String said = request.getHeader(Caller.PEER_UID);
		if (said == null || peer.isEmpty() || this.ownUid.isEmpty() || peer.getAsInt() != this.ownUid.getAsInt()) {
			return peer;
		}
		try {
			return OptionalInt.of(Integer.parseInt(said.strip()));
		}
		catch (NumberFormatException ex) {
			return peer;
		}
	}

	/**
	 * The peer's uid, read from the kernel once per connection: a keep-alive connection's requests
	 * come from the socket that opened it. Keyed by the servlet container's connection id, which
	 * Tomcat numbers once per JVM and never reuses, and by the peer's address: a connection that
	 * closed and one that reuses its address and port (loopback reuses them at once) are never
	 * confused. Reading {@code /proc/net/tcp} makes the kernel format its whole table each time.
	 */
	private OptionalInt peerUid(HttpServletRequest request) {
		String connection = connection(request);
		if (connection == null) {
			return lookUp(request);
		}
		OptionalInt known = this.connections.get(connection);
		if (known != null) {
			return known;
		}
		OptionalInt uid = lookUp(request);
		if (uid.isPresent()) {
			this.connections.put(connection, uid);
		}
		return uid;
	}

	private static String connection(HttpServletRequest request) {
		try {
			String id = request.getServletConnection().getConnectionId();
			return id == null || id.isEmpty() ? null
					: id + " " + request.getRemoteAddr() + " " + request.getRemotePort() + " " + request.getLocalPort();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private OptionalInt lookUp(HttpServletRequest request) {
		try {
			return this.owners.uidOf(
					new InetSocketAddress(InetAddress.getByName(request.getRemoteAddr()), request.getRemotePort()),
					new InetSocketAddress(InetAddress.getByName(request.getLocalAddr()), request.getLocalPort()));
		}
		catch (IOException ex) {
			return OptionalInt.empty();
		}
	}

}
