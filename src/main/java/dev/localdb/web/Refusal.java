package dev.localdb.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * A refusal made before a request reaches a controller: the same {@link Failure#FORBIDDEN} any
 * controller throws, answered by the one mapping of failures to HTTP (Spring MVC's exception
 * resolvers, which call LocalDB's exception handler).
 */
class Refusal {

	private final HandlerExceptionResolver resolver;

	Refusal(HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	void refuse(HttpServletRequest request, HttpServletResponse response, String why) {
		LocalDbException failure = new LocalDbException(Failure.FORBIDDEN, why);
		if (this.resolver.resolveException(request, response, null, failure) == null) {
			throw failure;
		}
	}

}
