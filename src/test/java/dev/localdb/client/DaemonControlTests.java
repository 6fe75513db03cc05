package dev.localdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Message;
import dev.localdb.wire.MessageCodec;

class DaemonControlTests {

	private static final Duration PATIENCE = Duration.ofMillis(1500);

	@TempDir
	Path home;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... words) {
		DaemonConnector connector = new DaemonConnector(DaemonAddress.of(this.home), Fingerprint.of(this.home),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), false, PATIENCE);
		return new DaemonControl(connector, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8))
			.run(List.of(words));
	}

	@Test
	void statusWithNoDaemonSaysSoAndStartsNone() {
		assertThat(run("status")).isEqualTo(3);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("No LocalDB daemon runs for");
	}

	@Test
	void statusOfADaemonThatDoesNotAnswerEndsWithOneLine() throws Exception {
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home), (first, in, out) -> new CountDownLatch(1).await())) {
			long started = System.nanoTime();

			assertThat(run("status")).isEqualTo(1);

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PATIENCE.multipliedBy(3));
			assertThat(this.err.toString(StandardCharsets.UTF_8).strip())
				.isEqualTo("Error: the LocalDB daemon does not answer; 'localdb daemon restart' or --no-daemon.");
		}
	}

	@Test
	void stopAsksTheDaemonWithAShutdownMessage() throws Exception {
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home),
				(first, in, out) -> MessageCodec.write(out, new Message.Exit(0)))) {
			assertThat(run("stop")).isZero();
			assertThat(daemon.received).containsExactly(new Message.Shutdown());
			assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("LocalDB daemon stopped");
		}
	}

	@Test
	void anUnknownActionIsAUsageError() {
		assertThat(run("reload")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'daemon reload'");
	}

	@Test
	void statusJsonWithNoDaemonIsOneParseableObjectAndStillExitsThree() {
		assertThat(run("status", "--json")).isEqualTo(3);
		JsonNode status = JsonMapper.builder().build().readTree(this.out.toString(StandardCharsets.UTF_8));
		assertThat(status.get("running").asBoolean()).isFalse();
		assertThat(status.get("home").asString()).isEqualTo(this.home.toString());
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void jsonOnlyGoesWithStatus() {
		assertThat(run("stop", "--json")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unexpected argument '--json'");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void quotedStringsAreValidJsonWhateverTheyHold() {
		String nasty = "a \"quoted\" \\path\\ with\nnewline, tab\t and \u0001 and ünïcødé";
		assertThat(JsonMapper.builder().build().readTree(DaemonControl.quoted(nasty)).asString()).isEqualTo(nasty);
		assertThat(DaemonControl.quoted(null)).isEqualTo("null");
	}

}
