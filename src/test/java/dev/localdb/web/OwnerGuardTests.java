package dev.localdb.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

import dev.localdb.os.SocketOwners;
import dev.localdb.system.LocalDbException;

/**
 * Where the kernel cannot say who connects (not Linux), the token stands in for the user: then
 * nothing but {@code /actuator/health} answers without it.
 */
class OwnerGuardTests {

	@TempDir
	Path runtime;

	@Test
	void withoutTheKernelsAnswerOnlyHealthIsOpenAndTheTokenOpensTheRest() throws Exception {
		AccessToken token = AccessToken.of(this.runtime);
		OwnerGuard guard = new OwnerGuard(new SocketOwners(List.of(this.runtime.resolve("no-such-table"))),
				OptionalInt.of(1000), token, new Refusal((request, response, handler, ex) -> {
					response.setStatus(((LocalDbException) ex).failure().httpStatus());
					return new ModelAndView();
				}));

		assertThat(status(guard, "GET", "/actuator/health", null)).isEqualTo(200);
		assertThat(status(guard, "GET", "/actuator/ports", null)).isEqualTo(403);
		assertThat(status(guard, "POST", "/actuator/ports", null)).isEqualTo(403);
		assertThat(status(guard, "GET", "/dashboard/state", null)).isEqualTo(403);
		assertThat(status(guard, "GET", "/actuator/ports", token.value())).isEqualTo(200);
		assertThat(status(guard, "GET", "/dashboard/state", token.value())).isEqualTo(200);
		assertThat(status(guard, "GET", "/dashboard/state", "not-the-token")).isEqualTo(403);
	}

	@Test
	void theTokenInTheAddressBecomesACookieAndTheAddressLosesIt() throws Exception {
		AccessToken token = AccessToken.of(this.runtime);
		assertThat(AccessToken.of(this.runtime).value()).as("kept for the next daemon").isEqualTo(token.value());
		OwnerGuard guard = new OwnerGuard(new SocketOwners(List.of()), OptionalInt.empty(), token, null);
		MockHttpServletRequest request = request("GET", "/");
		request.setParameter("token", token.value());
		MockHttpServletResponse response = new MockHttpServletResponse();
		guard.doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(303);
		assertThat(response.getHeader("Location")).isEqualTo("/");
		assertThat(response.getHeader("Set-Cookie"))
			.isEqualTo("localdb-10400=" + token.value() + "; Path=/; HttpOnly; SameSite=Strict");
	}

	private static int status(OwnerGuard guard, String method, String path, String cookie) throws Exception {
		MockHttpServletRequest request = request(method, path);
		if (cookie != null) {
			request.setCookies(new Cookie(AccessToken.cookieName(10400), cookie));
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		guard.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setRemoteAddr("127.0.0.1");
		request.setRemotePort(50000);
		request.setLocalAddr("127.0.0.1");
		request.setLocalPort(10400);
		return request;
	}

}
