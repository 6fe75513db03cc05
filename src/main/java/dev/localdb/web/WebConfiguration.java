package dev.localdb.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.localdb.os.PortProbe;
import dev.localdb.os.SocketOwners;
import dev.localdb.registry.RuntimePaths;

/**
 * The web port's protection: loopback {@code Host} and same-site {@code Origin} only, then the
 * daemon's own user only (and the token for the dashboard).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

	@Bean
	WebPort webPort(Environment environment, PortProbe probe, ApplicationEventPublisher events) {
		int waitingFor = environment.getProperty(WebPort.WAITING_FOR, Integer.class, -1);
		int port = waitingFor > 0 ? waitingFor : environment.getProperty("server.port", Integer.class, 8080);
		// behind the front, Tomcat listens on an internal port and the front binds this one
		return new WebPort(port, environment.getProperty("server.address", "127.0.0.1"),
				waitingFor <= 0 && !fronted(environment), probe, events);
	}

	/** Whether the front of {@code dev.localdb.proxy} owns the web port (it does unless switched off). */
	static boolean fronted(Environment environment) {
		return environment.getProperty(FRONT, Boolean.class, true);
	}

	static final String FRONT = "localdb.proxy.enabled";

	/** Once the web server runs: the port it bound, or, when it had to start without one, the tries to bind it. */
	@Bean
	ApplicationListener<WebServerInitializedEvent> webPortBinder(WebPort port,
			ObjectProvider<TomcatServletWebServerFactory> factory, Environment environment) {
		return event -> {
			if (fronted(environment)) {
				return;
			}
			if (port.served()) {
				port.servedOn(event.getWebServer().getPort());
			}
			else if (event.getWebServer() instanceof TomcatWebServer tomcat) {
				port.bindWhenFree(tomcat, factory.getObject());
			}
		};
	}

	@Bean
	AccessToken accessToken(RuntimePaths paths) {
		return AccessToken.of(paths.ensureRuntime());
	}

	@Bean
	Refusal webRefusal(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new Refusal(resolver);
	}

	@Bean
	FilterRegistrationBean<LoopbackGuard> loopbackGuard(@Value("${server.address:}") String address, Refusal refusal,
			WebPort port) {
		FilterRegistrationBean<LoopbackGuard> registration = new FilterRegistrationBean<>(
				new LoopbackGuard(address, refusal, port::port));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<OwnerGuard> ownerGuard(AccessToken token, Refusal refusal, WebPort port) {
		FilterRegistrationBean<OwnerGuard> registration = new FilterRegistrationBean<>(
				new OwnerGuard(new SocketOwners(), SocketOwners.ownUid(), token, refusal, port::port));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
