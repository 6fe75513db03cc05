package dev.localdb.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;

/**
 * What one daemon holds for the dashboard is bounded: past the caps a stream gets 503 while
 * {@code /actuator/health} keeps answering, and streams hold no thread each (before, 400 open
 * streams killed the web server for good and every log view leaked a thread).
 */
class DashboardStreamsTests {

	private static final int CAP = 4;

	private static final int LOG_CAP = 25;

	@TempDir
	Path home;

	DaemonHome localdb;

	String cookie;

	final List<Socket> streams = new ArrayList<>();

	@BeforeEach
	void startADaemonWithSmallCaps() throws Exception {
		this.localdb = new DaemonHome(this.home).with("-Dlocaldb.dashboard.max-event-streams=" + CAP,
				"-Dlocaldb.dashboard.max-log-streams=" + LOG_CAP);
		Result started = this.localdb.run("start", "diary", "--no-browser");
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		Result dashboard = this.localdb.run("dashboard", "--no-browser");
		assertThat(dashboard.exitCode()).as(dashboard.stderr()).isZero();
		String token = dashboard.stdout().strip().replaceAll("(?s).*\\?token=(\\w+).*", "$1");
		this.cookie = "localdb-" + this.localdb.webPort() + "=" + token;
	}

	@AfterEach
	void closeEverything() {
		closeStreams();
		if (this.localdb != null) {
			this.localdb.close();
		}
	}

	@Test
	void eventStreamsPastTheCapAre503WhileHealthAnswersAndThreadsReturnAfterwards() throws Exception {
		warmUp("/dashboard/events", CAP);
		int baseline = daemonThreads();
		int extra = 20;
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < CAP + extra; i++) {
			answers.add(open("/dashboard/events"));
		}
		assertThat(health()).isEqualTo(200);
		int during = daemonThreads();
		assertThat(answers.subList(0, CAP)).allMatch(status -> status.startsWith("HTTP/1.1 200"));
		assertThat(answers.subList(CAP, CAP + extra)).allMatch(status -> status.startsWith("HTTP/1.1 503"));
		closeStreams();
		awaitNoStreams();
		assertThat(open("/dashboard/events")).startsWith("HTTP/1.1 200");
		closeStreams();
		assertThat(health()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> daemonThreads() <= baseline);
		System.out.printf("event streams: %d opened, %d refused with 503; daemon threads %d before, %d during, %d after%n",
				CAP + extra, extra, baseline, during, daemonThreads());
	}

	@Test
	void followingManyLogsHoldsNoThreadPerStream() throws Exception {
		warmUp("/dashboard/projects/diary/log", LOG_CAP);
		int baseline = daemonThreads();
		List<String> baselineNames = threadNames();
		System.out.println("threads before: " + baselineNames);
		int peak = baseline;
		for (int round = 0; round < 4; round++) {
			for (int i = 0; i < LOG_CAP; i++) {
				assertThat(open("/dashboard/projects/diary/log")).startsWith("HTTP/1.1 200");
			}
			peak = Math.max(peak, daemonThreads());
			closeStreams();
			awaitNoStreams();
		}
		System.out.printf("log streams: %d opened and closed; daemon threads %d before, at most %d during, %d after%n",
				4 * LOG_CAP, baseline, peak, daemonThreads());
		System.out.println("threads after: " + threadNames());
		// Tomcat's workers (at most server.tomcat.threads.max) and the health checks' HTTP client are
		// pools that shrink after a minute idle; every other thread must be gone at once
		long ownBaseline = baselineNames.stream().filter(DashboardStreamsTests::outsidePools).count();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> threadNames().stream().filter(DashboardStreamsTests::outsidePools).count() <= ownBaseline);
		assertThat(peak).as("no thread per stream (there were %d streams open at once)", LOG_CAP)
			.isLessThan(baseline + LOG_CAP);
	}

	/** Lets Tomcat's pool grow to what streams need, so the baseline is that of a used daemon. */
	private void warmUp(String path, int streams) throws Exception {
		for (int i = 0; i < streams; i++) {
			open(path);
		}
		health();
		closeStreams();
		awaitNoStreams();
	}

	/** A closed stream is dropped when the next heartbeat finds its page gone. */
	private void awaitNoStreams() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/dashboard/streams").contains("\"pages\":0") && get("/dashboard/streams").contains("\"logs\":0"));
	}

	private String get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.localdb.webPort() + path))
				.header("Cookie", this.cookie)
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** Opens a stream and returns its status line; the socket stays open until {@link #closeStreams()}. */
	private String open(String path) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.localdb.webPort());
		socket.setSoTimeout(10_000);
		this.streams.add(socket);
		socket.getOutputStream()
			.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.localdb.webPort() + "\r\nCookie: "
					+ this.cookie + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) >= 0 && c != '\n') {
			line.append((char) c);
		}
		return line.toString().strip();
	}

	private void closeStreams() {
		for (Socket socket : this.streams) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closed already
			}
		}
		this.streams.clear();
	}

	private int health() throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.localdb.webPort() + "/actuator/health"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static boolean outsidePools(String thread) {
		return !thread.startsWith("http-nio-") && !thread.startsWith("HttpClient-");
	}

	private List<String> threadNames() throws IOException {
		long pid = this.localdb.daemonPid().orElseThrow();
		try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			return tasks.map(task -> {
				try {
					return Files.readString(task.resolve("comm")).strip();
				}
				catch (IOException ex) {
					return "?";
				}
			}).sorted().toList();
		}
	}

	private int daemonThreads() throws IOException {
		long pid = this.localdb.daemonPid().orElseThrow();
		return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
			.stream()
			.filter(line -> line.startsWith("Threads:"))
			.map(line -> Integer.parseInt(line.substring("Threads:".length()).strip()))
			.findFirst()
			.orElseThrow();
	}

}
