package dev.localdb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess;
import dev.localdb.support.JavaProcess.Result;

/**
 * {@code http://<project>.localhost:<web port>/} as a user tries it, against real processes: a
 * daemon in a temporary home and a dev server (an Undertow server of the tests) started by
 * {@code localdb start}. curl resolves {@code *.localhost} itself, as browsers do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamedUrlTests {

	@TempDir
	static Path home;

	DaemonHome localdb;

	int port;

	@BeforeAll
	void startADevServer() throws Exception {
		this.localdb = new DaemonHome(home);
		this.port = this.localdb.webPort();
		Result started = this.localdb.run("start", "diary", "--no-browser", "--command", command(DevServer.class));
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		assertThat(started.stdout().lines().skip(1).findFirst().orElseThrow()).as("the name first, the number beside it")
			.matches("  http://diary\\.localhost:" + this.port + "/  \\(http://127\\.0\\.0\\.1:\\d+/\\)");
	}

	@AfterAll
	void stopEverything() {
		this.localdb.close();
	}

	@Test
	void aNameAndItsSubNamesReachTheServerWithHostUnchangedAndForwardedHeaders() throws Exception {
		String answer = curl("http://api.diary.localhost:" + this.port + "/headers?x=1");
		assertThat(answer).startsWith("GET /headers")
			.contains("Host: api.diary.localhost:" + this.port)
			.contains("X-Forwarded-For: 127.0.0.1")
			.contains("X-Forwarded-Proto: http")
			.contains("X-Forwarded-Host: api.diary.localhost")
			.contains("X-Forwarded-Port: " + this.port)
			.doesNotContain("X-LocalDB");
		assertThat(curl("-X", "DELETE", "http://diary.localhost:" + this.port + "/headers")).startsWith("DELETE /headers");
	}

	@Test
	void aWebSocketEchoesThroughTheName() throws Exception {
		Path hosts = home.resolve("hosts");
		Files.writeString(hosts, "127.0.0.1 diary.localhost\n");
		Result echo = JavaProcess.run(List.of("-Djdk.net.hosts.file=" + hosts), WebSocketProbe.class,
				List.of("ws://diary.localhost:" + this.port + "/ws", "hello"), Map.of());
		assertThat(echo.exitCode()).as(echo.stderr()).isZero();
		assertThat(echo.stdout().strip()).isEqualTo("echo: hello");
	}

	@Test
	void serverSentEventsArriveOneByOneNotAtTheEnd() throws Exception {
		try (Socket socket = connect()) {
			send(socket, "GET /sse HTTP/1.1\r\nHost: diary.localhost:" + this.port + "\r\nAccept: text/event-stream\r\n\r\n");
			// the server sends the second event only once /next is asked, which this test does after the first
			String first = readUntil(socket.getInputStream(), "data: one");
			assertThat(first).startsWith("HTTP/1.1 200").doesNotContain("data: two");
			assertThat(curl("http://diary.localhost:" + this.port + "/next")).contains("released");
			assertThat(readUntil(socket.getInputStream(), "data: two")).contains("data: two");
		}
	}

	@Test
	void aHundredMegabyteUploadIsStreamedThroughNotHeld() throws Exception {
		long pid = this.localdb.daemonPid().orElseThrow();
		long before = rssKb(pid);
		long size = 100L * 1024 * 1024;
		try (Socket socket = connect()) {
			send(socket, "POST /upload HTTP/1.1\r\nHost: diary.localhost:" + this.port + "\r\nContent-Length: " + size
					+ "\r\nConnection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			byte[] megabyte = new byte[1024 * 1024];
			for (int i = 0; i < 100; i++) {
				out.write(megabyte);
			}
			out.flush();
			assertThat(readUntil(socket.getInputStream(), "received")).startsWith("HTTP/1.1 200");
			assertThat(readUntil(socket.getInputStream(), "\n")).startsWith(" " + size);
		}
		long grown = rssKb(pid) - before;
		System.out.println("Daemon RSS grew by " + grown + " KB for a 100 MB upload");
		assertThat(grown).as("the daemon's RSS growth in KB").isLessThan(50 * 1024);
	}

	@Test
	void aNameLocalDbDoesNotKnowAnswers404WithTheRunningProjects() throws Exception {
		String page = curl("-w", "\n%{http_code}", "http://dairy.localhost:" + this.port + "/");
		assertThat(page).contains("localdb start dairy")
			.contains("href=\"http://diary.localhost:" + this.port + "/\"")
			.endsWith("404");
		assertThat(curl("-H", "Accept: application/json", "http://dairy.localhost:" + this.port + "/"))
			.startsWith("{\"project\":\"dairy\"")
			.contains("\"running\":[{\"project\":\"diary\",\"url\":\"http://diary.localhost:" + this.port + "/\"}]");
	}

	@Test
	void aStoppedProjectAnswers502WithItsEscapedLogAndAStartButtonThatOnlyAPostUses() throws Exception {
		Result started = this.localdb.run("start", "blog", "--no-browser", "--command",
				"echo \"url=$LOCALDB_URL\"; echo '<script>alert(1)</script>'; " + command(DevServer.class));
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		assertThat(this.localdb.run("stop", "blog").exitCode()).isZero();
		String url = "http://blog.localhost:" + this.port + "/";
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(curl("-w", "\n%{http_code}", url)).endsWith("502"));
		assertThat(curl(url)).contains("blog is stopped")
			.as("the server's environment has its named URL")
			.contains("url=http://blog.localhost:" + this.port + "/")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>")
			.contains("<form method=\"post\" action=\"/.localdb/start\">");
		assertThat(curl("-w", "%{http_code}", "-X", "POST", "-H", "Origin: http://evil.example", url + ".localdb/start"))
			.endsWith("403");
		assertThat(this.localdb.run("port", "blog").stdout()).doesNotContain("running");
		assertThat(curl("-w", "%{http_code}", "-X", "POST", "-H", "Origin: http://blog.localhost:" + this.port,
				url + ".localdb/start")).endsWith("303");
		assertThat(curl(url + "headers")).startsWith("GET /headers");
		this.localdb.run("stop", "blog");
	}

	@Test
	void aStartingProjectAnswers503ThatReloadsItself() throws Exception {
		Process start = this.localdb.start(Map.of(), "start", "slow", "--no-browser", "--command",
				"sleep 4; " + command(DevServer.class));
		try {
			String url = "http://slow.localhost:" + this.port + "/headers";
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(curl("-w", "\n%{http_code}", url))
				.contains("<meta http-equiv=\"refresh\" content=\"1\">")
				.endsWith("503"));
			assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(curl(url)).startsWith("GET /headers"));
		}
		finally {
			start.destroy();
			this.localdb.run("stop", "slow");
		}
	}

	@Test
	void openPrintsTheNamedUrlAndRefusesAnUnknownProject() throws Exception {
		Result open = this.localdb.run("open", "diary", "--no-browser");
		assertThat(open.exitCode()).as(open.stderr()).isZero();
		assertThat(open.stdout().strip()).isEqualTo("http://diary.localhost:" + this.port + "/");
		Result unknown = this.localdb.run("open", "ghost", "--no-browser");
		assertThat(unknown.exitCode()).isEqualTo(3);
		assertThat(unknown.stderr()).contains("LocalDB knows no project 'ghost'").contains("localdb start ghost");
		assertThat(this.localdb.run("ports", "--json").stdout())
			.contains("\"url\" : \"http://diary.localhost:" + this.port + "/\"");
		assertThat(curl("http://127.0.0.1:" + this.port + "/actuator/ports"))
			.contains("\"url\":\"http://diary.localhost:" + this.port + "/\"");
	}

	@Test
	void aForeignHostIsRefused() throws Exception {
		assertThat(curl("-w", "\n%{http_code}", "-H", "Host: attacker.example:" + this.port,
				"http://127.0.0.1:" + this.port + "/headers")).contains("refused").endsWith("403");
	}

	@Test
	void anotherUserReachesNoProjectAndNoPageThatListsThem() throws Exception {
		String stranger = "localdb-probe";
		boolean root = "0".equals(exec("id", "-u").strip());
		Assumptions.assumeTrue(root, "the second-user probes need root to run as another user (runuser)");
		if (!exec("id", "-u", stranger).strip().matches("\\d+")) {
			exec("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", stranger);
		}
		for (String url : new String[] { "http://diary.localhost:" + this.port + "/headers",
				"http://dairy.localhost:" + this.port + "/", "http://localdb.localhost:" + this.port + "/actuator/ports" }) {
			String answer = exec("runuser", "-u", stranger, "--", "curl", "-s", "-m", "5", "-w", "\n%{http_code}", url);
			assertThat(answer).as(url).endsWith("403").doesNotContain("diary\"").doesNotContain("GET /headers");
		}
		assertThat(exec("runuser", "-u", stranger, "--", "curl", "-s", "-w", "\n%{http_code}",
				"http://localhost:" + this.port + "/actuator/health")).endsWith("200");
		// Tomcat's internal port, found as a user on the machine would (ss), with the front's header forged
		long daemon = this.localdb.daemonPid().orElseThrow();
		String internal = exec("ss", "-ltnpH").lines()
			.filter(line -> line.contains("pid=" + daemon + ","))
			.map(line -> line.trim().split("\\s+")[3])
			.map(address -> address.substring(address.lastIndexOf(':') + 1))
			.filter(listening -> !listening.equals(Integer.toString(this.port)))
			.findFirst()
			.orElseThrow();
		String direct = exec("runuser", "-u", stranger, "--", "curl", "-s", "-m", "5", "-w", "\n%{http_code}", "-H",
				"X-LocalDB-Peer-Uid: " + exec("id", "-u").strip(), "http://127.0.0.1:" + internal + "/actuator/ports");
		assertThat(direct).as("Tomcat's internal port " + internal).endsWith("403").doesNotContain("diary");
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		socket.setSoTimeout(20_000);
		return socket;
	}

	private static void send(Socket socket, String head) throws IOException {
		socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	/** Reads byte by byte until {@code marker} arrived: what arrived so far, never more. */
	private static String readUntil(InputStream in, String marker) throws IOException {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		while (!seen.toString(StandardCharsets.UTF_8).endsWith(marker)) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			seen.write(next);
		}
		return seen.toString(StandardCharsets.UTF_8);
	}

	private static long rssKb(long pid) throws IOException {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status"))
			.stream()
			.filter(line -> line.startsWith("VmRSS:"))
			.mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.orElseThrow();
	}

	static String command(Class<?> main) {
		return "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xshare:auto -cp '"
				+ System.getProperty("java.class.path") + "' " + main.getName();
	}

	private static String curl(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "20"));
		command.addAll(List.of(args));
		return exec(command.toArray(String[]::new));
	}

	private static String exec(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return out;
	}

}
