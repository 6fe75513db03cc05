package dev.localdb.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.JavaProcess;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

/**
 * A writer killed with SIGKILL at random moments never leaves a torn registry: the file always
 * parses, holds one whole state, and never loses a write the writer had reported committed. This fails with a plain
 * in-place write, which a kill can leave truncated.
 */
class RegistryCrashTests {

	private static final int ROUNDS = 50;

	@TempDir
	Path home;

	@Test
	void writerKilledAtRandomMomentsNeverLeavesATornRegistry() throws Exception {
		LocalDbFixture localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 5, 5));
		Path file = localdb.paths().registryFile();
		long committed = 0;
		for (int round = 0; round < ROUNDS; round++) {
			Process writer = JavaProcess.start(List.of("-Xshare:auto"), RegistryWriterProcess.class,
					List.of(this.home.toString(), Long.toString(committed + 1)), Map.of());
			AtomicLong lastPrinted = new AtomicLong(committed);
			StringBuffer other = new StringBuffer();
			Thread reader = new Thread(() -> {
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
					for (String line = lines.readLine(); line != null; line = lines.readLine()) {
						if (line.matches("\\d+")) {
							lastPrinted.set(Long.parseLong(line));
						}
						else {
							other.append(line).append('\n');
						}
					}
				}
				catch (Exception ex) {
					// the pipe breaks when the writer is killed
				}
			});
			reader.start();
			long committedBefore = committed;
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(1))
				.until(() -> lastPrinted.get() != committedBefore || !writer.isAlive());
			assertThat(writer.isAlive()).as("writer started writing").isTrue();
			// a kill at a random point of the writes, not a wait for anything
			Thread.sleep(ThreadLocalRandom.current().nextInt(0, 40));
			writer.destroyForcibly(); // SIGKILL
			writer.waitFor(10, TimeUnit.SECONDS);
			reader.join(10_000);

			long printed = lastPrinted.get();
			// strict parse: no recovery, a torn file fails here
			Registry onDisk = StateJson.read(Files.readAllBytes(file), Registry.class, "The registry");
			long version = onDisk.lastCleanup();
			// never behind what the writer reported committed...
			assertThat(version).as("round %d, other output: %s", round, other).isGreaterThanOrEqualTo(printed);
			// ...and one whole state: the entry written together with that version is there
			assertThat(onDisk.ports().values()).as("round %d", round)
				.anySatisfy(allocation -> assertThat(allocation.allocatedAt()).isEqualTo(version));
			committed = onDisk.lastCleanup();
		}
		// whatever temp files the kills left are removed by the next write under the lock
		localdb.registry().update(current -> current.cleanedAt(current.lastCleanup() + 1));
		try (var files = Files.list(file.getParent())) {
			assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp-"));
		}
		assertThat(Optional.of(StateJson.read(Files.readAllBytes(file), Registry.class, "The registry"))).isPresent();
	}

}
