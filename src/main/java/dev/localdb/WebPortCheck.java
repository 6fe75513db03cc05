package dev.localdb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.localdb.os.PortProbe;
import dev.localdb.system.LaunchMode;
import dev.localdb.web.WebPort;

/**
 * The one way a session learns that the web port is taken, before Spring Boot tries to bind it and
 * reports the failure at length. An interactive session then starts without a web server (another
 * session, usually, serves it); the daemon starts its web server without the port and binds it as
 * soon as it is free ({@link WebPort}).
 */
final class WebPortCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		int port = environment.getProperty("server.port", Integer.class, 8080);
		if (port > 0 && LaunchMode.from(environment.getProperty(LaunchMode.PROPERTY)) == LaunchMode.SERVE) {
			// The daemon runs for hours: its web server starts without the port, and WebPort binds it at
			// once, or as soon as it is free. A port taken between a check here and Tomcat's own bind
			// (the daemon this one replaces, still exiting) would otherwise fail the whole start-up.
			environment.getPropertySources()
				.addFirst(new MapPropertySource("localdb-web-port-bound-by-localdb",
						Map.of("server.port", -1, WebPort.WAITING_FOR, port)));
			return;
		}
		if (port > 0 && !new PortProbe().isFree(port)) {
			String holder = isLocalDb(port) ? "localdb" : "other";
			environment.getPropertySources()
				.addFirst(new MapPropertySource("localdb-web-server-elsewhere",
						Map.of("spring.main.web-application-type", "none", LaunchMode.WEB_ELSEWHERE, holder)));
		}
	}

	/** Whether what listens there is LocalDB: its health answers with the registry component. */
	private static boolean isLocalDb(int port) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
			HttpResponse<String> health = client.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(Duration.ofSeconds(1))
				.build(), HttpResponse.BodyHandlers.ofString());
			return health.body().contains("\"registry\"");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
