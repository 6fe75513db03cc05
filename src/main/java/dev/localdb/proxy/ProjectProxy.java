package dev.localdb.proxy;

import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectService;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.LocalDbException;

/**
 * Answers requests meant for a project: passed to one of its servers (Undertow's proxy: every
 * method, bodies streamed both ways, server-sent events, WebSocket upgrades, {@code Host} as sent,
 * {@code X-Forwarded-*} added), or, when none takes them, the page that says why. Our code only
 * decides which project and which page. {@link #handle(HttpServerExchange, ProjectName)} is the
 * entry point for other ways in (e.g. {@code localdb share}'s tunnel).
 */
public final class ProjectProxy {

	/** Whether the request's connection is the daemon's own user's (who sees logs, and may start). */
	private static final AttachmentKey<Boolean> OWNER = AttachmentKey.create(Boolean.class);

	private final ProjectBackends backends;

	private final ProjectPages pages;

	private final Supplier<ProjectService> projects;

	ProjectProxy(ProjectBackends backends, ProjectPages pages, Supplier<ProjectService> projects) {
		this.backends = backends;
		this.pages = pages;
		this.projects = projects;
	}

	/**
	 * The same routing, balancing, retries and pages for another way in (a share's tunnel), whose
	 * callers are never the daemon's user: it starts nothing and shows no log or other project.
	 * @param webPort the daemon's web port, for the pages' links (0: none served)
	 */
	public static ProjectProxy forOthers(ProjectCatalog catalog, RuntimePaths paths, IntSupplier webPort) {
		return new ProjectProxy(new ProjectBackends(catalog, OTHERS_REFRESH.toNanos()),
				new ProjectPages(catalog, paths, webPort, 0), () -> {
					throw new IllegalStateException("a caller that is not the owner never starts a project");
				});
	}

	/** As {@code localdb.proxy.refresh}'s default: a project's servers are read again this often at most. */
	private static final Duration OTHERS_REFRESH = Duration.ofMillis(250);

	/**
	 * One request for {@code project}, from a caller that is not trusted as the daemon's user: its
	 * pages show neither other projects nor logs, and it cannot start the project. Call it on an
	 * Undertow exchange of any listener; it dispatches to a worker thread when it must read files.
	 */
	public void handle(HttpServerExchange exchange, ProjectName project) throws Exception {
		handle(exchange, List.of(project), false);
	}

	/** @param candidates the names the Host may mean, longest first: the first LocalDB knows wins */
	void handle(HttpServerExchange exchange, List<ProjectName> candidates, boolean owner) throws Exception {
		exchange.putAttachment(OWNER, owner);
		ProjectBackends.Entry serving = this.backends.servingNow(candidates, exchange.getConnection().getWorker(),
				noServer(candidates.get(0)));
		if (serving != null && !isStart(exchange)) {
			serving.handler().handleRequest(exchange);
			return;
		}
		if (exchange.isInIoThread() && !candidates.stream().allMatch(this.backends::fresh)) {
			exchange.dispatch(() -> handleNow(exchange, candidates, owner));
			return;
		}
		handleNow(exchange, candidates, owner);
	}

	private void handleNow(HttpServerExchange exchange, List<ProjectName> candidates, boolean owner) {
		try {
			for (ProjectName candidate : candidates) {
				ProjectBackends.Entry entry = this.backends.current(candidate, noServer(candidate));
				if (!entry.known()) {
					continue;
				}
				if (isStart(exchange)) {
					onWorker(exchange, () -> start(exchange, candidate, owner));
				}
				else if (entry.serving()) {
					entry.handler().handleRequest(exchange);
				}
				else {
					onWorker(exchange, () -> this.pages.answer(exchange, candidate, owner, null));
				}
				return;
			}
			onWorker(exchange, () -> this.pages.answer(exchange, candidates.get(candidates.size() - 1), owner, null));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isStart(HttpServerExchange exchange) {
		return Methods.POST.equals(exchange.getRequestMethod()) && ProjectPages.START_PATH.equals(exchange.getRequestPath());
	}

	/** When the proxy finds no server it may try (all refused a moment ago): the project's page. */
	private HttpHandler noServer(ProjectName project) {
		return exchange -> onWorker(exchange,
				() -> this.pages.answer(exchange, project, Boolean.TRUE.equals(exchange.getAttachment(OWNER)), null));
	}

	/**
	 * The 502 page's button, as the dashboard's: a POST (a GET never starts anything, since any page
	 * can make a browser send one), from the daemon's own user, sent by a page of this very name (a
	 * page of another site, or of another project, cannot: its Origin differs, and without the
	 * dashboard's token it cannot reach the dashboard's own action either).
	 */
	private void start(HttpServerExchange exchange, ProjectName project, boolean owner) {
		String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
		String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
		if (!owner || origin == null || host == null || !origin.equalsIgnoreCase(exchange.getRequestScheme() + "://" + host)) {
			exchange.setStatusCode(403);
			exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
			exchange.getResponseSender().send("Only your own browser, from this page, may start " + project
					+ " here; or run: localdb start " + project + "\n");
			return;
		}
		try {
			this.projects.get().start(StartRequest.of(project), StartProgress.NONE);
			this.backends.invalidate(project);
			exchange.setStatusCode(303);
			exchange.getResponseHeaders().put(Headers.LOCATION, "/");
			exchange.endExchange();
		}
		catch (LocalDbException ex) {
			this.backends.invalidate(project);
			this.pages.answer(exchange, project, owner, ex.getMessage());
		}
	}

	/** Reading files and starting servers block: never on an I/O thread. */
	private static void onWorker(HttpServerExchange exchange, Runnable work) {
		if (exchange.isInIoThread()) {
			exchange.dispatch(work);
		}
		else {
			work.run();
		}
	}

}
