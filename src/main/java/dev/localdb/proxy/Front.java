package dev.localdb.proxy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Function;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web port itself: an Undertow server in front of everything. Spring Boot 4 runs only Tomcat
 * (or Jetty) as its servlet server, and neither proxies WebSockets; Undertow's proxy does, and it
 * cannot share Tomcat's port, so Undertow owns the port and LocalDB's own pages go on to Tomcat on
 * an internal loopback port ({@link FrontHandler} decides).
 */
final class Front implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Front.class);

	private final String address;

	private final Function<HttpHandler, HttpHandler> handler;

	private volatile HttpHandler ready;

	private volatile Undertow server;

	/**
	 * @param address where the web port listens ({@code server.address})
	 * @param handler given a handler of LocalDB's own pages, what answers every request
	 */
	Front(String address, Function<HttpHandler, HttpHandler> handler) {
		this.address = address;
		this.handler = handler;
	}

	/** Once the servlet server listens on its internal port: LocalDB's own pages are passed there. */
	void ownPagesOn(int internalPort) {
		LoadBalancingProxyClient tomcat = new LoadBalancingProxyClient().setConnectionsPerThread(64)
			.addHost(URI.create("http://127.0.0.1:" + internalPort));
		this.ready = this.handler.apply(ProxyHandler.builder()
			.setProxyClient(tomcat)
			.setMaxRequestTime(-1)
			.setRewriteHostHeader(false)
			.setReuseXForwarded(false)
			.build());
	}

	/** Binds the web port (0: any); the port bound, or -1 when another program holds it. */
	synchronized int bind(int port) {
		Undertow undertow = Undertow.builder()
			.addHttpListener(port, this.address)
			// the proxy runs on the two I/O threads; workers only read a project's files or start it
			.setIoThreads(2)
			.setWorkerThreads(4)
			// Undertow sizes its buffers from the heap, 512 bytes in the daemon's 64 MB: a 100 MB upload
			// would take 200 000 reads; 8 KB off-heap buffers are what it uses on a larger JVM
			.setBufferSize(8 * 1024)
			.setDirectBuffers(true)
			// Undertow 2.4 refuses bodies over 2 MB by default: a project's server sets its own limits
			.setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
			.setHandler(this.ready)
			.build();
		try {
			undertow.start();
		}
		catch (RuntimeException ex) {
			log.debug("Cannot bind {}:{}: {}", this.address, port, ex.getMessage());
			try {
				undertow.stop();
			}
			catch (RuntimeException partlyStarted) {
				// nothing was listening: its worker threads are what stop() released
			}
			return -1;
		}
		this.server = undertow;
		return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
	}

	@Override
	public synchronized void close() {
		if (this.server != null) {
			this.server.stop();
			this.server = null;
		}
	}

}
