package dev.localdb.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.localdb.finder.PortRanges;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.support.LocalDbTestProperties;
import dev.localdb.support.TestPorts;

/** The endpoint over HTTP, and that nothing else of the actuator is exposed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.file.name=")
class PortsEndpointWebTests {

	@TempDir
	static Path home;

	static final PortRanges RANGES = TestPorts.ranges(5, 5, 5);

	@DynamicPropertySource
	static void localdb(DynamicPropertyRegistry properties) {
		LocalDbTestProperties.register(properties, home, RANGES);
	}

	@LocalServerPort
	int serverPort;

	@Autowired
	RegistryService registry;

	@Autowired
	MeterRegistry meters;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void getListsAllocationsAndOneProjectAnd404ForNone() throws Exception {
		this.registry.reserve(ProjectName.of("diary"), RANGES.defaultRange().low(),
				new ProcessTable().self());

		HttpResponse<String> all = get("/actuator/ports");
		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(all.body()).contains("\"project\":\"diary\"", "\"port\":" + RANGES.defaultRange().low(),
				"\"alive\":true", "\"lastCleanup\"");

		HttpResponse<String> one = get("/actuator/ports/diary");
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(one.body()).contains("\"project\":\"diary\"");

		assertThat(get("/actuator/ports/ghost").statusCode()).isEqualTo(404);
	}

	@Test
	void invalidProjectNameIsABadRequestWithTheShellsMessage() throws Exception {
		HttpResponse<String> response = get("/actuator/ports/bad%20name");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Invalid project name 'bad name'");
	}

	@Test
	void postRunsTheCleanup() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri("/actuator/ports")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"cleaned\":0", "\"removed\":[]");
	}

	@Test
	void metersCountAllocationsAndCleanupRemovals() throws Exception {
		this.registry.update(r -> r.with(ProjectName.of("gone"), new Allocation(
				RANGES.defaultRange().low() + 1, 1, 1, null, Allocation.State.RUNNING)));
		assertThat(this.meters.get("localdb.allocations").gauge().value())
			.isEqualTo(this.registry.allocations().size());
		double before = this.meters.get("localdb.cleanup.removed").counter().count();

		this.http.send(HttpRequest.newBuilder(uri("/actuator/ports")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(this.meters.get("localdb.cleanup.removed").counter().count()).isEqualTo(before + 1);
		assertThat(this.meters.get("localdb.allocations").gauge().value())
			.isEqualTo(this.registry.allocations().size());
		assertThat(this.registry.allocations()).doesNotContainKey(ProjectName.of("gone"));
	}

	@Test
	void healthIncludesTheRegistry() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"registry\"", "\"allocations\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "env", "beans", "configprops", "heapdump", "shutdown", "metrics", "loggers" })
	void otherEndpointsAreNotExposed(String endpoint) throws Exception {
		assertThat(get("/actuator/" + endpoint).statusCode()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:80", "127.0.0.1.evil.example", "10.0.0.1" })
	void aRequestForAnotherHostIsRefused(String host) throws Exception {
		String response = raw("GET /actuator/ports HTTP/1.1", "Host: " + host);
		assertThat(response).startsWith("HTTP/1.1 403").doesNotContain("\"allocations\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "localhost", "[::1]" })
	void aRequestForLoopbackIsServed(String host) throws Exception {
		assertThat(raw("GET /actuator/ports HTTP/1.1", "Host: " + host + ":" + this.serverPort))
			.startsWith("HTTP/1.1 200");
	}

	@Test
	void aCleanupFromAnotherSiteIsRefusedAndChangesNothing() throws Exception {
		ProjectName gone = ProjectName.of("gone-origin");
		this.registry.update(r -> r.with(gone, new Allocation(RANGES.defaultRange().low() + 2, 1,
				1, null, Allocation.State.RUNNING)));
		String refused = raw("POST /actuator/ports HTTP/1.1", "Host: 127.0.0.1:" + this.serverPort,
				"Origin: http://evil.example", "Content-Length: 0");
		assertThat(refused).startsWith("HTTP/1.1 403");
		assertThat(this.registry.allocations()).containsKey(gone);

		String allowed = raw("POST /actuator/ports HTTP/1.1", "Host: 127.0.0.1:" + this.serverPort,
				"Origin: http://127.0.0.1:" + this.serverPort, "Content-Length: 0");
		assertThat(allowed).startsWith("HTTP/1.1 200");
		assertThat(this.registry.allocations()).doesNotContainKey(gone);
	}

	/** One request with exactly these headers (HttpClient will not send a foreign Host). */
	private String raw(String requestLine, String... headers) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.serverPort)) {
			StringBuilder request = new StringBuilder(requestLine).append("\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.serverPort + path);
	}

}
