package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.LocalDbApplication;
import dev.localdb.finder.PortRanges;
import dev.localdb.support.JavaProcess;
import dev.localdb.support.TestPorts;

/** {@code localdb serve} as a service manager runs it: answers on loopback, stops on SIGTERM. */
class ServeModeTests {

	@TempDir
	Path home;

	Process serve;

	@AfterEach
	void stop() {
		if (this.serve != null) {
			this.serve.destroyForcibly();
		}
	}

	@Test
	void servesTheActuatorAndStopsCleanlyOnSigterm() throws Exception {
		PortRanges ranges = TestPorts.ranges(3, 3, 3);
		int webPort = TestPorts.freeBlock(1).low();
		List<String> options = new ArrayList<>(TestPorts.systemProperties(ranges));
		options.add("-Dserver.port=" + webPort);
		this.serve = JavaProcess.start(options, LocalDbApplication.class, List.of("serve"),
				Map.of("LOCALDB_HOME", this.home.toString()));

		HttpClient http = HttpClient.newHttpClient();
		URI ports = URI.create("http://127.0.0.1:" + webPort + "/actuator/ports");
		// a refused connection is serve still starting; a serve that died fails at once
		HttpResponse<String> response = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.ignoreException(ConnectException.class)
			.failFast("serve exited", () -> !this.serve.isAlive())
			.until(() -> http.send(HttpRequest.newBuilder(ports).build(), HttpResponse.BodyHandlers.ofString()),
					Objects::nonNull);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("{\"allocations\":[]");

		this.serve.destroy(); // SIGTERM, as a service manager sends
		assertThat(this.serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
		// the JVM's status for an orderly exit on SIGTERM: 128 + 15
		assertThat(this.serve.exitValue()).isEqualTo(143);
	}

}
