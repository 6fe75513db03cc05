package dev.localdb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.JavaProcess.Result;

/**
 * A web port that another program holds while the daemon starts is bound once it is free: the
 * daemon used to run without web until {@code daemon restart}, and doctor said all was well.
 */
class WebPortTests {

	@TempDir
	Path home;

	DaemonHome localdb;

	@AfterEach
	void stopEverything() {
		if (this.localdb != null) {
			this.localdb.close();
		}
	}

	@Test
	void aBusyWebPortIsBoundOnceItIsFreeAndDoctorNamesItsHolderMeanwhile() throws Exception {
		this.localdb = new DaemonHome(this.home);
		int port = this.localdb.webPort();
		Result doctor;
		try (ForeignListener foreign = ForeignListener.on("127.0.0.1", port)) {
			Result started = this.localdb.run("start", "diary", "--no-browser");
			assertThat(started.exitCode()).as(started.stderr()).isZero();
			doctor = this.localdb.run("doctor");
			Result dashboard = this.localdb.run("dashboard", "--no-browser");
			assertThat(dashboard.stdout()).startsWith("http://127.0.0.1:" + port + "/?token=");
			assertThat(dashboard.stderr()).contains("Port " + port + " is held by another program");
			assertThat(health(port)).as("the foreign listener answers no HTTP").isNegative();
			assertThat(this.localdb.run("daemon", "status").stdout())
				.contains("web:     none yet (port " + port + " is taken by another program");
		}
		System.out.println(doctor.stdout());
		assertThat(doctor.exitCode()).isEqualTo(1);
		assertThat(doctor.stdout()).contains("✗ web port " + port + ": held by pid " + ProcessHandle.current().pid(),
				"LocalDB binds it as soon as it is free");
		long freed = System.nanoTime();
		// the tries come 0.25, 0.5, 1, 2 ... seconds apart, at most a minute
		await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(200)).until(() -> health(port) == 200);
		System.out.printf("web port %d served %d ms after it was freed%n", port,
				(System.nanoTime() - freed) / 1_000_000);
		Result after = this.localdb.run("doctor");
		assertThat(after.stdout()).contains("✓ web port: serves http://127.0.0.1:" + port + "/");
		// the daemon's state file follows: daemon status, doctor's daemon line and clients see the address
		assertThat(this.localdb.run("daemon", "status").stdout()).contains("web:     http://127.0.0.1:" + port + "/");
	}

	private static int health(int port) {
		try {
			return HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(1))
				.build()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
