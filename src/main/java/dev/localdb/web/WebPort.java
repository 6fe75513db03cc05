package dev.localdb.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.catalina.LifecycleState;
import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.localdb.os.PortProbe;
import dev.localdb.wire.DaemonState;

/**
 * The daemon's web port, when another program held it as the daemon started: Tomcat then starts
 * without its connector, and this keeps trying to bind the port, waiting twice as long after each
 * try up to a minute, and adds a connector (with every {@code server.tomcat.*} setting) once the
 * port is free. A daemon whose port was busy for a moment no longer runs without web until
 * {@code daemon restart}. When the port was free at start, this only reports it as served.
 */
public class WebPort implements AutoCloseable {

	/** Set at start-up when the port was taken: the port to bind once it is free ({@code server.port} is -1 then). */
	public static final String WAITING_FOR = "localdb.web.waiting-for-port";

	private static final Logger log = LoggerFactory.getLogger(WebPort.class);

	/** Short: the program that held the port is most often the daemon this one replaces, exiting now. */
	private static final Duration FIRST_WAIT = Duration.ofMillis(250);

	private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

	private volatile int port;

	private final String address;

	private final PortProbe probe;

	private final ApplicationEventPublisher events;

	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "localdb-web-port");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean served;

	private volatile Instant nextTry;

	WebPort(int port, String address, boolean served, PortProbe probe, ApplicationEventPublisher events) {
		this.port = port;
		this.address = address;
		this.served = served;
		this.probe = probe;
		this.events = events;
	}

	public int port() {
		return this.port;
	}

	public boolean served() {
		return this.served;
	}

	public String url() {
		return "http://" + this.address + ":" + this.port + "/";
	}

	/** When the next try to bind is due, while the port is not served. */
	public Optional<Instant> nextTry() {
		return this.served ? Optional.empty() : Optional.ofNullable(this.nextTry);
	}

	/** The processes that listen on the port now (pids; empty where the kernel does not say). */
	public Set<Long> holders() {
		Map<Integer, Set<Long>> listeners = this.probe.listeners().orElse(Map.of());
		return listeners.getOrDefault(this.port, Set.of());
	}

	/** A project's named URL on this port: {@code http://<project>.localhost:<port>/}. */
	public String namedUrl(String project) {
		return namedUrl(project, this.port);
	}

	public static String namedUrl(String project, int port) {
		return "http://" + project + ".localhost:" + port + "/";
	}

	/**
	 * A project's named URL on the web port the daemon of this home records (runtime/daemon.properties),
	 * empty while it serves none: the one place every process (daemon, {@code --no-daemon}, the
	 * server's environment) learns the port from.
	 */
	public static Optional<String> namedUrl(Path home, String project) {
		OptionalInt port = servedPort(home);
		return port.isPresent() ? Optional.of(namedUrl(project, port.getAsInt())) : Optional.empty();
	}

	/**
	 * A registry report's JSON ({@code ports --json}, {@code /actuator/ports}) with each allocation's
	 * named URL as {@code url}, when a web port is served.
	 */
	public static JsonNode withNamedUrls(JsonNode report, OptionalInt port) {
		if (port.isPresent()) {
			report.path("allocations").forEach(allocation -> ((ObjectNode) allocation).put("url",
					namedUrl(allocation.path("project").asString(), port.getAsInt())));
		}
		return report;
	}

	/** The web port the daemon of this home serves now, as it recorded it; empty while it serves none. */
	public static OptionalInt servedPort(Path home) {
		Matcher web = SERVED.matcher(DaemonState.webAddress(home));
		return web.matches() ? OptionalInt.of(Integer.parseInt(web.group(1))) : OptionalInt.empty();
	}

	private static final Pattern SERVED = Pattern.compile("https?://[^/]+:(\\d{1,5})/?");

	/** The port the server bound at start, when it bound one (0 asked for any). */
	void servedOn(int actual) {
		if (this.served && actual > 0) {
			this.port = actual;
		}
	}

	/** Starts trying, once the web server (without its connector) runs. */
	void bindWhenFree(TomcatWebServer server, TomcatServletWebServerFactory factory) {
		bindWhenFree(port -> addConnector(server, factory));
	}

	/**
	 * Binds the port now, or as soon as it is free, with {@code bind} (which answers whether it
	 * bound it): the front in {@code dev.localdb.proxy} owns the port when it runs.
	 * @param bind given the port (0: any), binds it and answers the port bound, or -1
	 */
	public void bindWhenFree(IntUnaryOperator bind) {
		if (tryToBind(bind)) {
			return;
		}
		log.warn("Port {} is taken by another program; LocalDB serves {} as soon as it is free.", this.port, url());
		schedule(bind, FIRST_WAIT);
	}

	private void schedule(IntUnaryOperator bind, Duration wait) {
		this.nextTry = Instant.now().plus(wait);
		this.retries.schedule(() -> {
			if (tryToBind(bind)) {
				return;
			}
			Duration longer = wait.multipliedBy(2);
			schedule(bind, longer.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : longer);
		}, wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	private boolean tryToBind(IntUnaryOperator bind) {
		if (this.port > 0 && !this.probe.isFree(this.port)) {
			return false;
		}
		int bound = bind.applyAsInt(this.port);
		if (bound <= 0) {
			return false;
		}
		boolean late = !this.served && this.nextTry != null;
		this.port = bound;
		this.served = true;
		log.info(late ? "LocalDB serves {} (port {} is free now)." : "LocalDB serves {} (port {}).", url(), this.port);
		this.events.publishEvent(new WebAddressChanged(url(), this.port));
		return true;
	}

	private int addConnector(TomcatWebServer server, TomcatServletWebServerFactory factory) {
		Service service = server.getTomcat().getService();
		Connector connector = connector(factory);
		try {
			service.addConnector(connector);
		}
		catch (RuntimeException ex) {
			service.removeConnector(connector);
			return -1;
		}
		if (connector.getState() != LifecycleState.STARTED) {
			service.removeConnector(connector);
			return -1;
		}
		return this.port;
	}

	/** A connector as Spring Boot makes the main one: its protocol, address, and every customizer. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Connector connector(TomcatServletWebServerFactory factory) {
		Connector connector = new Connector(factory.getProtocol());
		connector.setThrowOnFailure(true);
		connector.setPort(this.port);
		connector.setProperty("address", this.address);
		if (factory.getUriEncoding() != null) {
			connector.setURIEncoding(factory.getUriEncoding().name());
		}
		ProtocolHandler handler = connector.getProtocolHandler();
		for (TomcatProtocolHandlerCustomizer customizer : factory.getProtocolHandlerCustomizers()) {
			customizer.customize(handler);
		}
		factory.getConnectorCustomizers().forEach(customizer -> customizer.customize(connector));
		return connector;
	}

	@Override
	public void close() {
		this.retries.shutdownNow();
	}

}
