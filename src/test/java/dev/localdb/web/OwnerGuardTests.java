package dev.localdb.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import jakarta.servlet.ServletConnection;
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

	/** The kernel is asked once per connection; a new connection on the same address and port is asked again. */
	@Test
	void theOwnerOfAConnectionIsReadOnceAndANewConnectionIsAskedAnew() throws Exception {
		Path table = this.runtime.resolve("tcp");
		Files.writeString(table, socketTable(1000));
		OwnerGuard guard = new OwnerGuard(new SocketOwners(List.of(table)), OptionalInt.of(1000),
				AccessToken.of(this.runtime), new Refusal((request, response, handler, ex) -> {
					response.setStatus(((LocalDbException) ex).failure().httpStatus());
					return new ModelAndView();
				}));

		assertThat(status(guard, on("a"))).isEqualTo(200);
		// the same socket number now belongs to another user: only a new connection can be theirs
		Files.writeString(table, socketTable(2000));
		assertThat(status(guard, on("a"))).as("the same connection, read once").isEqualTo(200);
		assertThat(status(guard, on("b"))).as("a new connection on the reused address and port").isEqualTo(403);
	}

	/**
	 * Behind the front every connection is the daemon's own: the user the front read from its own
	 * connection decides. A connection of another user cannot claim to be the owner with that header.
	 */
	@Test
	void theFrontsWordOnTheUserIsBelievedOnlyFromTheDaemonsOwnUser() throws Exception {
		Path table = this.runtime.resolve("tcp");
		Files.writeString(table, socketTable(1000));
		OwnerGuard guard = new OwnerGuard(new SocketOwners(List.of(table)), OptionalInt.of(1000),
				AccessToken.of(this.runtime), new Refusal((request, response, handler, ex) -> {
					response.setStatus(((LocalDbException) ex).failure().httpStatus());
					return new ModelAndView();
				}), () -> 10400);
		MockHttpServletRequest stranger = on("front-1");
		stranger.addHeader(Caller.PEER_UID, "2000");
		assertThat(status(guard, stranger)).as("the front says another user sent it").isEqualTo(403);
		MockHttpServletRequest owner = on("front-1");
		owner.addHeader(Caller.PEER_UID, "1000");
		assertThat(status(guard, owner)).isEqualTo(200);

		Files.writeString(table, socketTable(2000));
		MockHttpServletRequest forged = on("direct-1");
		forged.addHeader(Caller.PEER_UID, "1000");
		assertThat(status(guard, forged)).as("another user connecting to Tomcat's port directly").isEqualTo(403);
	}

	/** 127.0.0.1:50000 connected to 127.0.0.1:10400, as /proc/net/tcp prints it, created by {@code uid}. */
	private static String socketTable(int uid) {
		return "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
				+ "   0: 0100007F:C350 0100007F:28A0 01 00000000:00000000 00:00000000 00000000  " + uid
				+ "        0 4242 1 0 20 4 30 10 -1\n";
	}

	private static MockHttpServletRequest on(String connection) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/ports") {

			@Override
			public ServletConnection getServletConnection() {
				return new ServletConnection() {

					@Override
					public String getConnectionId() {
						return connection;
					}

					@Override
					public String getProtocol() {
						return "HTTP/1.1";
					}

					@Override
					public String getProtocolConnectionId() {
						return "";
					}

					@Override
					public boolean isSecure() {
						return false;
					}

				};
			}

		};
		request.setRemoteAddr("127.0.0.1");
		request.setRemotePort(50000);
		request.setLocalAddr("127.0.0.1");
		request.setLocalPort(10400);
		return request;
	}

	private static int status(OwnerGuard guard, MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		guard.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
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
