package dev.localdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Message;
import dev.localdb.wire.MessageCodec;

class DaemonConnectorTests {

	private static final Duration PATIENCE = Duration.ofMillis(1500);

	@TempDir
	Path home;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

	private DaemonConnector connector() {
		return new DaemonConnector(DaemonAddress.of(this.home), Fingerprint.of(this.home),
				new PrintStream(this.notes, true, StandardCharsets.UTF_8), false, PATIENCE);
	}

	private Message.Request request(String... args) {
		return new Message.Request(Fingerprint.of(this.home).toString(), "/tmp", List.of(args), Map.of("A", "1"), false);
	}

	@Test
	void aCommandsOutputAndExitStatusComeBackAsTheDaemonSentThem() throws Exception {
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home), (first, in, out) -> {
			MessageCodec.write(out, new Message.Output(Message.Stream.STDOUT, "3000\n".getBytes(StandardCharsets.UTF_8)));
			MessageCodec.write(out, new Message.Heartbeat());
			MessageCodec.write(out, new Message.Output(Message.Stream.STDERR, "note\n".getBytes(StandardCharsets.UTF_8)));
			MessageCodec.write(out, new Message.Exit(4));
		})) {
			int status = connector().run(request("port", "blog"), this.out, this.err, new DaemonConnector.Cancel());

			assertThat(status).isEqualTo(4);
			assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo("3000\n");
			assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo("note\n");
			assertThat(daemon.received).containsExactly(request("port", "blog"));
		}
	}

	@Test
	void aDaemonThatSaysNothingIsReportedWithinThePatience() throws Exception {
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home), (first, in, out) -> new CountDownLatch(1).await())) {
			long started = System.nanoTime();

			assertThatThrownBy(() -> connector().run(request("ports"), this.out, this.err, new DaemonConnector.Cancel()))
				.isInstanceOf(DaemonConnector.DaemonUnavailableException.class)
				.hasMessageContaining("the LocalDB daemon does not answer; 'localdb daemon restart' or --no-daemon");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(PATIENCE, PATIENCE.multipliedBy(3));
		}
	}

	@Test
	void heartbeatsKeepALongCommandAliveBeyondThePatience() throws Exception {
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home), (first, in, out) -> {
			for (int i = 0; i < 8; i++) {
				// the daemon is quiet for a while (a start waiting for its server): no test wait
				TimeUnit.MILLISECONDS.sleep(500);
				MessageCodec.write(out, new Message.Heartbeat());
			}
			MessageCodec.write(out, new Message.Exit(0));
		})) {
			assertThat(connector().run(request("logs", "-f", "blog"), this.out, this.err, new DaemonConnector.Cancel()))
				.isZero();
		}
	}

	@Test
	void aBusyDaemonIsAskedAgain() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home), (first, in, out) -> MessageCodec.write(out,
				attempts.incrementAndGet() == 1 ? new Message.Busy("full") : new Message.Exit(0)))) {
			assertThat(connector().run(request("ports"), this.out, this.err, new DaemonConnector.Cancel())).isZero();
			assertThat(daemon.received).hasSize(2);
		}
	}

	@Test
	void aRefusedRequestIsAnErrorWithTheDaemonsReason() throws Exception {
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home),
				(first, in, out) -> MessageCodec.write(out, new Message.Refused("a message of 9 bytes is over the limit")))) {
			assertThatThrownBy(() -> connector().run(request("ports"), this.out, this.err, new DaemonConnector.Cancel()))
				.hasMessageContaining("the daemon refused the request: a message of 9 bytes is over the limit");
		}
	}

	@Test
	void aCtrlCIsSentToTheDaemonWhileTheCommandRuns() throws Exception {
		DaemonConnector.Cancel cancel = new DaemonConnector.Cancel();
		try (FakeDaemon daemon = new FakeDaemon(DaemonAddress.of(this.home), (first, in, out) -> {
			MessageCodec.write(out, new Message.Heartbeat());
			Message next = MessageCodec.read(in);
			MessageCodec.write(out, new Message.Exit(next instanceof Message.Cancel ? 130 : 0));
		})) {
			Thread ctrlC = new Thread(() -> {
				while (!cancel.send()) {
					Thread.onSpinWait();
				}
			});
			ctrlC.start();
			assertThat(connector().run(request("start", "blog"), this.out, this.err, cancel)).isEqualTo(130);
			ctrlC.join();
		}
	}

}
