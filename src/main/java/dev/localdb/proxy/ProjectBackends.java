package dev.localdb.proxy;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;

import dev.localdb.project.Backend;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.registry.ProjectName;

/**
 * The servers that take each project's requests, read from its state files at most once per
 * {@code refresh}, each project with one Undertow load-balancing client: round robin over the
 * healthy servers (over all of them when none is), and a refused connection, with nothing sent
 * yet, tried again on another. Undertow does the HTTP: streaming, upgrades, keep-alive.
 */
final class ProjectBackends {

	/** Far more than any local project needs; bounds what requests for made-up names can keep. */
	private static final int REMEMBERED = 1024;

	/** Connection tries for one request, across its servers, before it fails (502). */
	private static final int RETRIES = 3;

	private final ProjectCatalog catalog;

	private final long refreshNanos;

	private final Map<ProjectName, Entry> entries = new ConcurrentHashMap<>();

	ProjectBackends(ProjectCatalog catalog, long refreshNanos) {
		this.catalog = catalog;
		this.refreshNanos = refreshNanos;
	}

	/** What is known of a project: its proxy while one of its servers runs, whether LocalDB knows it. */
	static final class Entry {

		private final LoadBalancingProxyClient client = new LoadBalancingProxyClient().setConnectionsPerThread(64)
			.setProblemServerRetry(1);

		private final Set<URI> hosts = new HashSet<>();

		private volatile long checkedAt;

		private volatile boolean known;

		private volatile boolean serving;

		private final AtomicBoolean refreshing = new AtomicBoolean();

		private HttpHandler handler;

		boolean known() {
			return this.known;
		}

		boolean serving() {
			return this.serving;
		}

		HttpHandler handler() {
			return this.handler;
		}

	}

	/**
	 * The first of the names that takes requests now, without reading a file: names known not to be
	 * projects are skipped, and a serving entry older than {@code refresh} is used while one read of
	 * its files runs on {@code background} (so requests never queue behind file reads). Null when
	 * the answer needs a read first.
	 */
	Entry servingNow(List<ProjectName> candidates, Executor background, HttpHandler noServer) {
		for (ProjectName candidate : candidates) {
			Entry entry = this.entries.get(candidate);
			if (entry == null) {
				return null;
			}
			boolean stale = System.nanoTime() - entry.checkedAt >= this.refreshNanos;
			if (entry.serving) {
				if (stale && entry.refreshing.compareAndSet(false, true)) {
					background.execute(() -> {
						try {
							refresh(candidate, entry, noServer);
						}
						finally {
							entry.refreshing.set(false);
						}
					});
				}
				return entry;
			}
			if (stale || entry.known) {
				return null;
			}
		}
		return null;
	}

	/** Whether the project's entry is recent enough to use without reading its files (which blocks). */
	boolean fresh(ProjectName project) {
		Entry entry = this.entries.get(project);
		return entry != null && System.nanoTime() - entry.checkedAt < this.refreshNanos;
	}

	/** The project's entry, read again when it is older than {@code refresh}. */
	Entry current(ProjectName project, HttpHandler noServer) {
		Entry entry = this.entries.get(project);
		if (entry != null && System.nanoTime() - entry.checkedAt < this.refreshNanos) {
			return entry;
		}
		if (entry == null) {
			if (this.entries.size() >= REMEMBERED) {
				this.entries.values().removeIf(old -> !old.serving);
			}
			entry = this.entries.computeIfAbsent(project, name -> new Entry());
		}
		refresh(project, entry, noServer);
		return entry;
	}

	/** Forgets what was read, so the next request reads the project's files (after a start). */
	void invalidate(ProjectName project) {
		Entry entry = this.entries.get(project);
		if (entry != null) {
			entry.checkedAt = 0;
		}
	}

	private void refresh(ProjectName project, Entry entry, HttpHandler noServer) {
		List<Backend> backends = this.catalog.backends(project);
		List<Backend> healthy = backends.stream().filter(Backend::healthy).toList();
		Set<URI> wanted = (healthy.isEmpty() ? backends : healthy).stream()
			.map(ProjectBackends::uri)
			.collect(Collectors.toSet());
		synchronized (entry) {
			for (URI gone : Set.copyOf(entry.hosts)) {
				if (!wanted.contains(gone)) {
					entry.client.removeHost(gone);
					entry.hosts.remove(gone);
				}
			}
			for (URI added : wanted) {
				if (entry.hosts.add(added)) {
					entry.client.addHost(added);
				}
			}
			if (entry.handler == null) {
				entry.handler = ProxyHandler.builder()
					.setProxyClient(entry.client)
					.setMaxRequestTime(-1)
					.setRewriteHostHeader(false)
					.setReuseXForwarded(false)
					.setMaxConnectionRetries(RETRIES)
					.setNext(noServer)
					.build();
			}
			entry.serving = !wanted.isEmpty();
			entry.known = entry.serving || this.catalog.status(project).isPresent();
			entry.checkedAt = System.nanoTime();
		}
	}

	/** Where a server listens, as the proxy dials it: a wildcard address is reached on loopback. */
	static URI uri(Backend backend) {
		String host = backend.host();
		if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
			host = "127.0.0.1";
		}
		if (host.contains(":") && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		return URI.create("http://" + host + ":" + backend.port());
	}

}
