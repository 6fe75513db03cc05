package dev.localdb.proxy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import dev.localdb.web.Caller;

/**
 * The web port's one decision: whose request it is, and where it goes. Loopback is shared by every
 * user of the machine, so the user who opened the connection (the kernel says, once per connection)
 * decides first, for every Host: another user reaches {@code /actuator/health} and nothing else,
 * neither a project nor a page that lists them. Then the Host: LocalDB's own pages go to the
 * servlet server behind (with the user's uid, which it believes from the daemon only), except the
 * owner's plain {@code GET /actuator/ports}, answered here ({@link AllocationsShortcut}); a
 * {@code *.localhost} name goes to its project, anything else is refused.
 */
final class FrontHandler implements HttpHandler {

	private static final HttpString PEER_UID = new HttpString(Caller.PEER_UID);

	private final HostNames hosts;

	private final ConnectionOwners owners;

	private final ProjectProxy projects;

	private final HttpHandler ownPages;

	private final IntSupplier port;

	private final AllocationsShortcut allocations;

	FrontHandler(HostNames hosts, ConnectionOwners owners, ProjectProxy projects, HttpHandler ownPages, IntSupplier port,
			AllocationsShortcut allocations) {
		this.hosts = hosts;
		this.owners = owners;
		this.projects = projects;
		this.ownPages = ownPages;
		this.port = port;
		this.allocations = allocations;
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) throws Exception {
		HostNames.Route route = this.hosts.route(exchange.getRequestHeaders().getFirst(Headers.HOST));
		if (route instanceof HostNames.Foreign foreign) {
			refuse(exchange, "Host '" + foreign.host() + "' is neither LocalDB's (http://127.0.0.1:" + this.port.getAsInt()
					+ "/) nor a project's (http://<project>.localhost:" + this.port.getAsInt() + "/): refused.");
			return;
		}
		if (exchange.isInIoThread() && !this.owners.known(exchange)) {
			exchange.dispatch(this);
			return;
		}
		OptionalInt uid = this.owners.uidOf(exchange);
		exchange.getRequestHeaders().remove(PEER_UID);
		boolean stranger = this.owners.stranger(uid);
		if (route instanceof HostNames.Project project) {
			if (stranger) {
				refuse(exchange, "This LocalDB belongs to another user of this machine; its projects are theirs. Run your own: localdb");
				return;
			}
			this.projects.handle(exchange, project.candidates(), this.owners.owner(uid));
			return;
		}
		if (stranger && !health(exchange)) {
			refuse(exchange, "This LocalDB belongs to another user of this machine; only /actuator/health is open to others. Run your own: localdb");
			return;
		}
		if (this.owners.owner(uid) && this.allocations.handles(exchange)) {
			this.allocations.answer(exchange, this);
			return;
		}
		uid.ifPresent(known -> exchange.getRequestHeaders().put(PEER_UID, Integer.toString(known)));
		this.ownPages.handleRequest(exchange);
	}

	private static boolean health(HttpServerExchange exchange) {
		String path = exchange.getRequestPath();
		return (Methods.GET.equals(exchange.getRequestMethod()) || Methods.HEAD.equals(exchange.getRequestMethod()))
				&& (path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
	}

	private static void refuse(HttpServerExchange exchange, String why) {
		exchange.setStatusCode(403);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
		exchange.getResponseSender().send(why + "\n", StandardCharsets.UTF_8);
	}

}
