package dev.localdb.share;

import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.client.LocalDbClient;
import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code localdb share} as a user runs it: through the client, the tunnel kept by a real daemon,
 * shown by {@code list}, {@code list --json} and the actuator, closed by the dashboard's button,
 * typed in the interactive shell; refused where no daemon keeps it.
 */
class ShareThroughDaemonTests {

	@TempDir
	Path temp;

	@Test
	void theDaemonKeepsTheShareAndEverySurfaceShowsIt() throws Exception {
		Path ssh = Files.createDirectories(this.temp.resolve("ssh"));
		KeyPair user = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
		try (OutputStream out = Files.newOutputStream(ssh.resolve("id_ecdsa"))) {
			OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(user, "test", null, out);
		}
		int remote = TestPorts.freeBlock(1).low();
		try (TestRelay relay = new TestRelay(user.getPublic()).start(this.temp.resolve("host-key"));
				DaemonHome home = new DaemonHome(Files.createDirectories(this.temp.resolve("home")))) {
			home.with("-Dlocaldb.share.ssh-directory=" + ssh);
			Result started = home.run("start", "diary", "--no-browser", "--command", EchoServer.command());
			assertThat(started.exitCode()).as(started.stderr()).isZero();

			Result shared = home.run("share", "diary", "--via", relay.via(), "--remote-port", Integer.toString(remote),
					"--accept-new-host");
			assertThat(shared.exitCode()).as(shared.stderr()).isZero();
			assertThat(shared.stdout()).startsWith("✓ diary is shared at http://127.0.0.1:" + remote + "/\n");

			// the command has returned; the daemon keeps the tunnel
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + remote + "/hello")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).contains("project=diary", "path=/hello");
			assertThat(home.run("list").stdout()).contains("  ↳ shared at http://127.0.0.1:" + remote + "/ (sharing)");
			assertThat(home.run("list", "--json").stdout()).contains("\"share\" : {", "\"state\" : \"sharing\"");
			// a process other than the daemon shows the daemon's shares too
			assertThat(home.run("--no-daemon", "list").stdout())
				.contains("  ↳ shared at http://127.0.0.1:" + remote + "/ (sharing)");
			String ports = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + home.webPort() + "/actuator/ports")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			assertThat(ports).contains("\"shares\":[{\"project\":\"diary\",\"url\":\"http://127.0.0.1:" + remote + "/\"");

			Result elsewhere = home.run("--no-daemon", "share", "diary", "--via", relay.via());
			assertThat(elsewhere.exitCode()).isEqualTo(2);
			assertThat(elsewhere.stderr()).contains("share needs the LocalDB daemon", "without --no-daemon.");

			// the dashboard's button stops sharing, as the CLI does
			String token = home.run("dashboard", "--no-browser").stdout().strip().replaceAll("(?s).*\\?token=(\\w+).*", "$1");
			HttpResponse<String> button = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + home.webPort() + "/dashboard/projects/diary/unshare"))
				.header("Cookie", "localdb-" + home.webPort() + "=" + token)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(button.statusCode()).as(button.body()).isEqualTo(200);
			assertThat(button.body()).contains("diary is no longer shared");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThatThrownBy(() -> new Socket("127.0.0.1", remote).close())
					.isInstanceOf(ConnectException.class));
			assertThat(home.run("share", "diary", "--via", relay.via(), "--remote-port", Integer.toString(remote))
				.exitCode()).isZero();

			Result unshared = home.run("unshare", "diary");
			assertThat(unshared.exitCode()).as(unshared.stderr()).isZero();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThatThrownBy(() -> new Socket("127.0.0.1", remote).close())
					.isInstanceOf(ConnectException.class));
			assertThat(home.run("unshare", "diary").exitCode()).isEqualTo(3);
			assertThat(home.run("list").stdout()).doesNotContain("shared at");

			// typed in the interactive shell: sent to the shell's daemon, which keeps the tunnel
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
			command.addAll(home.jvmOptions());
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalDbClient.class.getName()));
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
			builder.environment().putAll(home.environment(Map.of()));
			Process shell = builder.start();
			try (OutputStream typed = shell.getOutputStream()) {
				typed.write(("share diary --via " + relay.via() + " --remote-port " + remote + "\nunshare diary\nexit\n")
					.getBytes(StandardCharsets.UTF_8));
			}
			String screen = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(screen).contains("✓ diary is shared at http://127.0.0.1:" + remote + "/", "✓ diary is no longer shared");
		}
	}

}
