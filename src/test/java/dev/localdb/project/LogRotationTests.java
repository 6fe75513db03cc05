package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.TestServer;

/**
 * A chatty server's log rotated by the daemon while it runs ({@code localdb.servers.log-*}), the server
 * writing on, and {@code logs -f} following across the rotations.
 */
class LogRotationTests {

	@TempDir
	Path tempDir;

	@Test
	void aRunningServersLogIsRotatedKeepingTheConfiguredFilesAndFollowedAcrossRotations() throws Exception {
		// numbered lines, a few hundred a second, beside a well-behaved server
		String chatty = "(i=0; while :; do i=$((i+1)); echo \"line $i\"; sleep 0.002; done) & " + TestServer.command();
		Path log = this.tempDir.resolve("runtime/api/.studio/server.log");
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			// a rotation every few seconds: a follower on a loaded machine looks several times between two
			home.with("-Dlocaldb.servers.log-max-size=16KB", "-Dlocaldb.servers.log-keep=2",
					"-Dlocaldb.servers.log-check-interval=100ms");
			Result started = home.run("start", "api", "--no-browser", "--command", chatty);
			assertThat(started.exitCode()).as(started.stderr()).isZero();

			List<String> followed = Collections.synchronizedList(new ArrayList<>());
			Process follow = home.start(Map.of(), "logs", "api", "-f", "-n", "0");
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
					for (String line = lines.readLine(); line != null; line = lines.readLine()) {
						followed.add(line);
					}
				}
				catch (Exception ex) {
					// the follower was ended
				}
			});
			reader.start();

			// rotated more than keep times: .1 and .2 kept, never .3, the log itself bounded
			Path second = this.tempDir.resolve("runtime/api/.studio/server.log.2");
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(second) && firstNumber(second) > 0);
			int rotatedAt = firstNumber(this.tempDir.resolve("runtime/api/.studio/server.log.1"));
			assertThat(this.tempDir.resolve("runtime/api/.studio/server.log.3")).doesNotExist();
			assertThat(Files.size(log)).isLessThan(64 * 1024);
			// the server writes on, into the emptied log, and the follower keeps up across it
			await().atMost(Duration.ofSeconds(60)).until(() -> numbers(followed).stream().anyMatch(n -> n > rotatedAt + 200));
			follow.destroy();
			reader.join(10_000);

			List<Integer> numbers = numbers(followed);
			assertThat(numbers).as("what logs -f printed").hasSizeGreaterThan(200);
			for (int i = 1; i < numbers.size(); i++) {
				assertThat(numbers.get(i)).as("line after %d", numbers.get(i - 1)).isGreaterThan(numbers.get(i - 1));
			}
			int missed = numbers.get(numbers.size() - 1) - numbers.get(0) + 1 - numbers.size();
			// copy-then-truncate loses what the server writes between the last copy and the truncation:
			// a few lines, more when the machine is loaded; a follower that lost a rotation loses thousands
			assertThat(missed).as("lines logs -f missed across the rotations").isLessThanOrEqualTo(numbers.size() / 20);
			assertThat(home.run("stop", "api").exitCode()).isZero();

			// logs --all reads the rotated files, oldest first, then the log
			Result all = home.run("logs", "api", "--all");
			List<Integer> everything = numbers(all.stdout().lines().toList());
			assertThat(everything.get(0)).isLessThan(rotatedAt);
			for (int i = 1; i < everything.size(); i++) {
				assertThat(everything.get(i)).isGreaterThan(everything.get(i - 1));
			}
		}
	}

	/** The daemon's own log, which its redirected output appends to, is rotated with the same settings. */
	@Test
	void theDaemonsOwnLogIsRotatedTheSameWay() throws Exception {
		Path daemonLog = this.tempDir.resolve("logs/daemon.log");
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			home.with("-Dlocaldb.servers.log-max-size=16KB", "-Dlocaldb.servers.log-keep=1",
					"-Dlocaldb.servers.log-check-interval=100ms");
			assertThat(home.run("list").exitCode()).isZero();
			assertThat(daemonLog).exists();
			for (int run = 1; run <= 2; run++) {
				Files.writeString(daemonLog, ("chatter " + run + "\n").repeat(4096), StandardOpenOption.APPEND);
				String marker = "chatter " + run;
				await().atMost(Duration.ofSeconds(30))
					.until(() -> Files.size(daemonLog) < 16 * 1024 && Files.exists(daemonLog.resolveSibling("daemon.log.1"))
							&& Files.readString(daemonLog.resolveSibling("daemon.log.1")).contains(marker));
			}
			assertThat(daemonLog.resolveSibling("daemon.log.2")).as("keep 1").doesNotExist();
			assertThat(home.run("list").exitCode()).as("the daemon writes on").isZero();
		}
	}

	@Test
	void rotationKeepsTheNewestFilesAndEmptiesTheLog() throws Exception {
		Path log = this.tempDir.resolve("server.log");
		for (int rotation = 1; rotation <= 4; rotation++) {
			Files.writeString(log, "rotation " + rotation + "\n".repeat(1) + "x".repeat(100) + "\n");
			assertThat(ServerLog.rotate(log, 50, 2)).isTrue();
			assertThat(Files.size(log)).isZero();
		}
		assertThat(Files.readString(ServerLog.numbered(log, 1))).startsWith("rotation 4\n");
		assertThat(Files.readString(ServerLog.numbered(log, 2))).startsWith("rotation 3\n");
		assertThat(ServerLog.numbered(log, 3)).doesNotExist();
		assertThat(ServerLog.rotate(log, 50, 2)).as("not over the size").isFalse();

		Files.writeString(log, "x".repeat(100));
		assertThat(ServerLog.rotate(log, 50, 0)).isTrue();
		assertThat(Files.size(log)).isZero();
		assertThat(ServerLog.numbered(log, 1)).as("keep 0: only emptied, none kept").doesNotExist();
		assertThat(this.tempDir.resolve("server.log.rotating")).doesNotExist();

		// new runs' rotations shift every file up; the daemon's next look drops those beyond keep
		for (int number = 1; number <= 4; number++) {
			Files.writeString(ServerLog.numbered(log, number), "old " + number + "\n");
		}
		ServerLog.prune(log, 2);
		assertThat(ServerLog.numbered(log, 2)).exists();
		assertThat(ServerLog.numbered(log, 3)).doesNotExist();
		assertThat(ServerLog.numbered(log, 4)).doesNotExist();
	}

	private static int firstNumber(Path file) {
		try {
			return Files.readAllLines(file).stream().filter(line -> line.startsWith("line ")).findFirst()
				.map(line -> Integer.parseInt(line.substring(5).strip())).orElse(-1);
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private static List<Integer> numbers(List<String> lines) {
		synchronized (lines) {
			return lines.stream().filter(line -> line.matches("line \\d+")).map(line -> Integer.parseInt(line.substring(5)))
				.toList();
		}
	}

}
