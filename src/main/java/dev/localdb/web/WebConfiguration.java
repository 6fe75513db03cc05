package dev.localdb.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

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
	AccessToken accessToken(RuntimePaths paths) {
		return AccessToken.of(paths.ensureRuntime());
	}

	@Bean
	Refusal webRefusal(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new Refusal(resolver);
	}

	@Bean
	FilterRegistrationBean<LoopbackGuard> loopbackGuard(@Value("${server.address:}") String address, Refusal refusal) {
		FilterRegistrationBean<LoopbackGuard> registration = new FilterRegistrationBean<>(
				new LoopbackGuard(address, refusal));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<OwnerGuard> ownerGuard(AccessToken token, Refusal refusal) {
		FilterRegistrationBean<OwnerGuard> registration = new FilterRegistrationBean<>(
				new OwnerGuard(new SocketOwners(), SocketOwners.ownUid(), token, refusal));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
