package dev.localdb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.localdb.finder.PortRanges;
import dev.localdb.os.ProcessTable;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.support.LocalDbTestProperties;
import dev.localdb.support.TestPorts;
import dev.localdb.web.WebPort;

/**
 * The front answers its own user's plain {@code GET /actuator/ports} itself, with the bytes the
 * actuator endpoint renders: the same answer as the servlet server's, which it never reaches, and
 * never an answer older than the registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.file.name=")
class AllocationsShortcutTests {

	@TempDir
	static Path home;

	static final PortRanges RANGES = TestPorts.ranges(5, 5, 5);

	@DynamicPropertySource
	static void localdb(DynamicPropertyRegistry properties) {
		LocalDbTestProperties.register(properties, home, RANGES);
	}

	@Autowired
	WebPort web;

	@Autowired
	RegistryService registry;

	@Autowired
	MeterRegistry meters;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void served() {
		await().atMost(Duration.ofSeconds(30)).until(this.web::served);
	}

	@Test
	void theAnswerIsTheServletServersByteForByteWithItsMediaTypes() throws Exception {
		this.registry.reserve(ProjectName.of("diary"), RANGES.defaultRange().low(), new ProcessTable().self());
		HttpResponse<byte[]> front = get(null);
		// an Accept the shortcut leaves to the actuator's negotiation: the servlet server answers
		HttpResponse<byte[]> servlet = get("application/json, */*");
		assertThat(front.statusCode()).isEqualTo(200);
		assertThat(front.headers().firstValue("Content-Type")).hasValue("application/vnd.spring-boot.actuator.v3+json");
		assertThat(servlet.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(new String(front.body())).contains("\"project\":\"diary\"");
		assertThat(front.body()).isEqualTo(servlet.body());
		assertThat(get("application/json").headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(get("*/*").headers().firstValue("Content-Type"))
			.hasValue("application/vnd.spring-boot.actuator.v3+json");
	}

	@Test
	void thePlainRequestNeverReachesTheServletServerAndOthersDo() throws Exception {
		get(null);
		double before = servletRequests();
		for (int i = 0; i < 20; i++) {
			assertThat(get(null).statusCode()).isEqualTo(200);
			assertThat(get("application/json").statusCode()).isEqualTo(200);
		}
		assertThat(servletRequests()).as("Spring MVC's count of /actuator/ports requests").isEqualTo(before);
		get("application/json, */*");
		assertThat(this.http.send(HttpRequest.newBuilder(URI.create(this.web.url() + "actuator/ports?x=1")).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> servletRequests() == before + 2);
	}

	@Test
	void aChangeOfTheRegistryIsInTheVeryNextAnswer() throws Exception {
		ProjectName project = ProjectName.of("just-now");
		for (int round = 0; round < 5; round++) {
			assertThat(new String(get(null).body())).doesNotContain("\"just-now\"");
			this.registry.reserve(project, RANGES.fallbackRange().low() + round % 5, new ProcessTable().self());
			assertThat(new String(get(null).body())).contains("\"project\":\"just-now\"");
			this.registry.release(project);
		}
	}

	private double servletRequests() {
		return Search.in(this.meters).name("http.server.requests").tag("uri", "/actuator/ports").timers().stream()
			.mapToDouble(timer -> timer.count())
			.sum();
	}

	private HttpResponse<byte[]> get(String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.web.url() + "actuator/ports"));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
