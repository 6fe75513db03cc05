package dev.localdb.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;

/**
 * Loopback is shared by every Unix user of the machine: another user, even one who somehow has the
 * dashboard's token, can neither see nor change this user's projects over the web port, and may
 * ask only {@code /actuator/health}, which names no project. The probes run as a real second user
 * ({@code runuser}), so the suite must run as root (it does on CI); otherwise the test is skipped
 * and says why.
 */
class SecondUserTests {

	private static final String STRANGER = "localdb-probe";

	@TempDir
	Path home;

	DaemonHome localdb;

	String token;

	@BeforeEach
	void startAProjectAsTheOwner() throws Exception {
		boolean root = "0".equals(exec(List.of("id", "-u")).strip());
		String reason = "the second-user probes need root to run as another user (runuser); running as uid "
				+ exec(List.of("id", "-u")).strip();
		if (!root) {
			System.err.println("SecondUserTests skipped: " + reason);
		}
		Assumptions.assumeTrue(root, reason);
		if (!exec(List.of("id", "-u", STRANGER)).strip().matches("\\d+")) {
			exec(List.of("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", STRANGER));
		}
		this.localdb = new DaemonHome(this.home);
		Result started = this.localdb.run("start", "diary", "--no-browser");
		assertThat(started.exitCode()).as(started.stderr()).isZero();
		Result dashboard = this.localdb.run("dashboard", "--no-browser");
		assertThat(dashboard.exitCode()).as(dashboard.stderr()).isZero();
		this.token = dashboard.stdout().strip().replaceAll("(?s).*\\?token=(\\w+).*", "$1");
		assertThat(this.token).hasSizeGreaterThanOrEqualTo(32);
	}

	@AfterEach
	void stopEverything() {
		if (this.localdb != null) {
			this.localdb.close();
		}
	}

	@Test
	void anotherUserIsRefusedEverythingButHealthEvenWithTheToken() throws Exception {
		String[][] probes = { { "GET", "/" }, { "GET", "/?token=" + this.token }, { "GET", "/dashboard/state" },
				{ "GET", "/dashboard/doctor" }, { "GET", "/dashboard/events" },
				{ "GET", "/dashboard/projects/diary/log" }, { "POST", "/dashboard/projects/diary/stop" },
				{ "POST", "/dashboard/projects/diary/start" }, { "POST", "/dashboard/projects/diary/restart" },
				{ "POST", "/dashboard/projects/diary/forget" }, { "POST", "/dashboard/cleanup" },
				{ "GET", "/actuator/ports" }, { "GET", "/actuator/ports/diary" }, { "POST", "/actuator/ports" } };
		List<String> answers = new ArrayList<>();
		for (String[] probe : probes) {
			for (boolean withToken : new boolean[] { false, true }) {
				String answer = curl(STRANGER, probe[0], probe[1], withToken);
				answers.add(probe[0] + " " + probe[1] + (withToken ? " (token)" : "") + " -> " + status(answer));
				assertThat(status(answer)).as(probe[0] + " " + probe[1] + " as " + STRANGER + ": " + answer)
					.isEqualTo("403");
				assertThat(answer).doesNotContain(this.token).doesNotContain("diary\"");
			}
		}
		String health = curl(STRANGER, "GET", "/actuator/health", false);
		answers.add("GET /actuator/health -> " + status(health));
		System.out.println("Probes of " + STRANGER + ":\n  " + String.join("\n  ", answers));
		assertThat(status(health)).isEqualTo("200");
		assertThat(health).contains("\"projects\"").doesNotContain("diary");
		assertThat(this.localdb.run("port", "diary").exitCode()).as("diary still runs").isZero();
	}

	@Test
	void theOwnerIsServedAndTheTokenBecomesACookie() throws Exception {
		String owner = exec(List.of("id", "-un")).strip();
		assertThat(status(curl(owner, "GET", "/actuator/ports", false))).isEqualTo("200");
		assertThat(status(curl(owner, "GET", "/dashboard/state", false))).as("the dashboard needs the token")
			.isEqualTo("403");
		assertThat(curl(owner, "GET", "/", false)).doesNotContain(this.token);
		String exchange = exec(List.of("curl", "-s", "-i", url("/?token=" + this.token)));
		assertThat(exchange).startsWith("HTTP/1.1 303")
			.contains("Location: /")
			.containsPattern("Set-Cookie: localdb-" + this.localdb.webPort() + "=" + this.token
					+ "; Path=/; HttpOnly; SameSite=Strict");
		String cookie = "localdb-" + this.localdb.webPort() + "=" + this.token;
		assertThat(exec(List.of("curl", "-s", "-w", "\n%{http_code}", "-b", cookie, url("/dashboard/state"))))
			.contains("\"diary\"")
			.endsWith("200");
		assertThat(exec(List.of("curl", "-s", "-w", "\n%{http_code}", "-b", cookie, url("/")))).contains("<title>LocalDB")
			.doesNotContain(this.token)
			.endsWith("200");
	}

	@Test
	void aProjectSegmentThatIsNotExactlyAProjectNameIsABadRequest() throws Exception {
		String owner = exec(List.of("id", "-un")).strip();
		String answer = exec(List.of("curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "-H",
				AccessToken.HEADER + ": " + this.token, url("/dashboard/projects/diary;x/stop")));
		assertThat(answer).contains("Invalid project name 'diary;x'").endsWith("400");
		assertThat(owner).isNotBlank();
		assertThat(this.localdb.run("port", "diary").exitCode()).as("diary still runs").isZero();
	}

	private String curl(String user, String method, String path, boolean withToken) throws IOException,
			InterruptedException {
		List<String> command = new ArrayList<>(List.of("runuser", "-u", user, "--", "curl", "-s", "-m", "3", "-w",
				"\n%{http_code}", "-X", method));
		if (withToken) {
			command.addAll(List.of("-H", AccessToken.HEADER + ": " + this.token, "-b",
					"localdb-" + this.localdb.webPort() + "=" + this.token));
		}
		command.add(url(path));
		return exec(command);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.localdb.webPort() + path;
	}

	private static String status(String answer) {
		return answer.substring(answer.lastIndexOf('\n') + 1);
	}

	private static String exec(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] out = process.getInputStream().readAllBytes();
		process.waitFor(30, TimeUnit.SECONDS);
		return new String(out, StandardCharsets.UTF_8);
	}

}
