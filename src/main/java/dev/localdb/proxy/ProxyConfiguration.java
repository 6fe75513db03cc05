package dev.localdb.proxy;

import java.net.InetAddress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.localdb.web.AllocationsJson;
import dev.localdb.os.SocketOwners;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectService;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.web.WebPort;

/**
 * Named URLs: the front owns the web port ({@code server.port}, on {@code server.address}) and
 * Tomcat moves to an ephemeral port on loopback, reached through the front only (and refusing other
 * users who connect to it directly, as before). {@code localdb.proxy.enabled=false} keeps Tomcat on
 * the web port, without names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "localdb.proxy.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ProxyProperties.class)
class ProxyConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> internalTomcat() {
		return new InternalTomcat();
	}

	/** After Spring Boot's own customizer, which applies {@code server.port} and {@code server.address}. */
	static final class InternalTomcat implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.setPort(0);
			factory.setAddress(InetAddress.getLoopbackAddress());
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	@Bean
	ProjectProxy projectProxy(ProjectCatalog catalog, RuntimePaths paths, WebPort web, ProxyProperties properties,
			ObjectProvider<ProjectService> projects) {
		return new ProjectProxy(new ProjectBackends(catalog, properties.refresh().toNanos()),
				new ProjectPages(catalog, paths, web::port, properties.logLines()), projects::getObject);
	}

	@Bean
	AllocationsShortcut allocationsShortcut() {
		return new AllocationsShortcut();
	}

	@Bean
	Front webFront(Environment environment, ProjectProxy projects, WebPort web, AllocationsShortcut allocations) {
		String address = environment.getProperty("server.address", "127.0.0.1");
		ConnectionOwners owners = new ConnectionOwners(new SocketOwners(), SocketOwners.ownUid());
		return new Front(address, ownPages -> new FrontHandler(new HostNames(address), owners, projects, ownPages,
				web::port, allocations));
	}

	/**
	 * Once Tomcat listens on its internal port, the front binds the web port (now, or once it is
	 * free), and answers {@code GET /actuator/ports} itself where the endpoint is exposed on it (not
	 * on a management port of its own).
	 */
	@Bean
	ApplicationListener<WebServerInitializedEvent> webFrontBinder(Front front, WebPort web, Environment environment,
			AllocationsShortcut shortcut, ObjectProvider<AllocationsJson> allocations,
			ObjectProvider<PathMappedEndpoints> endpoints) {
		return event -> {
			if (event.getApplicationContext().getServerNamespace() != null) {
				// a management server of its own (management.server.port): not the web port's
				return;
			}
			PathMappedEndpoints mapped = endpoints.getIfAvailable();
			String path = mapped == null ? null : mapped.getPath(EndpointId.of("ports"));
			AllocationsJson json = allocations.getIfAvailable();
			if (path != null && json != null && environment.getProperty("management.server.port") == null) {
				shortcut.enable(environment.getProperty("server.servlet.context-path", "") + path, json);
			}
			front.ownPagesOn(event.getWebServer().getPort());
			web.bindWhenFree(front::bind);
		};
	}

}
