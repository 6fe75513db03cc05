package dev.localdb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;

/**
 * Cluster mode behind its name, as a user drives it: {@code start api --instances 3}, then
 * {@code http://api.localhost:<web port>/} balances across the instances, and neither a rolling
 * {@code restart} nor a killed instance fails a request sent to the name.
 */
class ClusterThroughNameTests {

	@TempDir
	Path home;

	DaemonHome localdb;

	int port;

	@BeforeEach
	void startThreeInstances() throws Exception {
		this.localdb = new DaemonHome(this.home);
		this.port = this.localdb.webPort();
		Result started = this.localdb.run("start", "api", "--instances", "3", "--no-browser", "--command",
				NamedUrlTests.command(InstanceAnswer.class));
		assertThat(started.exitCode()).as(started.stderr()).isZero();
	}

	@AfterEach
	void stopEverything() {
		this.localdb.close();
	}

	@Test
	void theNameBalancesAcrossEveryInstance() throws Exception {
		Set<String> answered = new HashSet<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			answered.add(get());
			return answered.size() == 3;
		});
		assertThat(answered).containsExactlyInAnyOrder("instance=1", "instance=2", "instance=3");
	}

	@Test
	void aRollingRestartFailsNoRequestSentToTheName() throws Exception {
		try (Load load = new Load()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> load.succeeded.get() >= 20);
			Result restarted = this.localdb.run("restart", "api", "--no-browser");
			assertThat(restarted.exitCode()).as(restarted.stderr()).isZero();
			int before = load.succeeded.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> load.succeeded.get() >= before + 20);
			load.stop();
			assertThat(load.failures).as("requests that failed during the rolling restart: %s", load.lastFailure.get())
				.hasValue(0);
		}
		// every instance is a new process now, and all still answer through the name
		JsonNode instances = instances();
		assertThat(instances).hasSize(3);
		instances.forEach(instance -> assertThat(instance.path("state").asString()).isEqualTo("running"));
	}

	@Test
	void aKilledInstanceFailsNoRequestSentToTheName() throws Exception {
		long victim = instances().get(1).path("pid").asLong();
		try (Load load = new Load()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> load.succeeded.get() >= 10);
			ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
			int before = load.succeeded.get();
			// the other two take the requests; the refused connections to the dead one are tried elsewhere
			await().atMost(Duration.ofSeconds(30)).until(() -> load.succeeded.get() >= before + 60);
			load.stop();
			assertThat(load.failures).as("requests that failed after an instance was killed: %s", load.lastFailure.get())
				.hasValue(0);
		}
	}

	@Test
	void scaleDownLeavesOnlyTheRemainingInstancesBehindTheName() throws Exception {
		Result scaled = this.localdb.run("scale", "api", "1");
		assertThat(scaled.exitCode()).as(scaled.stderr()).isZero();
		// one instance left: list shows a plain project again
		await().atMost(Duration.ofSeconds(10)).until(() -> instances().size() <= 1);
		for (int i = 0; i < 10; i++) {
			assertThat(get()).isEqualTo("instance=1");
		}
	}

	private JsonNode instances() throws Exception {
		Result list = this.localdb.run("list", "--json");
		assertThat(list.exitCode()).as(list.stderr()).isZero();
		for (JsonNode project : JsonMapper.builder().build().readTree(list.stdout())) {
			if (project.path("project").asString().equals("api")) {
				return project.path("instances");
			}
		}
		throw new AssertionError("api is not in list --json: " + list.stdout());
	}

	/** One request to the name; the answer's first line (which instance), or an exception. */
	private String get() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET / HTTP/1.1\r\nHost: api.localhost:" + this.port + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			if (!response.startsWith("HTTP/1.1 200")) {
				throw new IOException("not 200: " + response.lines().findFirst().orElse("(nothing)"));
			}
			return response.substring(response.indexOf("\r\n\r\n") + 4).strip();
		}
	}

	/** A client sending requests to the name one after another, counting what failed. */
	private final class Load implements AutoCloseable {

		final AtomicInteger succeeded = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		final AtomicReference<String> lastFailure = new AtomicReference<>("none");

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread = new Thread(this::run, "load");

		Load() {
			this.thread.start();
		}

		private void run() {
			while (this.running.get()) {
				try {
					get();
					this.succeeded.incrementAndGet();
				}
				catch (IOException ex) {
					this.failures.incrementAndGet();
					this.lastFailure.set(ex.toString());
				}
			}
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join(15_000);
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}
