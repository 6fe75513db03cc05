package dev.localdb.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.os.ProcessTable;
import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.wire.Message;
import dev.localdb.wire.MessageCodec;

/** The daemon under what misbehaving clients and a stopped daemon do: nothing waits forever. */
class DaemonResilienceTests {

	@TempDir
	Path home;

	DaemonHome localdb;

	@BeforeEach
	void setUp() throws Exception {
		this.localdb = new DaemonHome(this.home);
		Result first = this.localdb.run("ports");
		assertThat(first.exitCode()).as(first.stderr()).isZero();
	}

	@AfterEach
	void stopEverything() {
		this.localdb.close();
	}

	@Test
	void idleConnectionsNeitherBlockACommandNorKeepThreads() throws Exception {
		long daemon = this.localdb.daemonPid().orElseThrow();
		int threadsBefore = threads(daemon);
		List<SocketChannel> idle = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				idle.add(connect());
			}
			long started = System.nanoTime();
			Result answered = this.localdb.run("port", "ghost");
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			System.out.printf("300 idle connections: 'port ghost' answered in %d ms; daemon threads %d before, %d with them%n",
					took.toMillis(), threadsBefore, threads(daemon));

			assertThat(answered.exitCode()).as(answered.stderr()).isEqualTo(3);
			assertThat(answered.stderr()).contains("Project 'ghost' holds no port");
		}
		finally {
			for (SocketChannel channel : idle) {
				channel.close();
			}
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> threads(daemon) <= threadsBefore + 4);
		System.out.printf("after they closed: daemon threads %d%n", threads(daemon));
	}

	@Test
	void aConnectionThatSendsNoRequestIsClosedAfterAFewSeconds() throws Exception {
		try (SocketChannel idle = connect()) {
			long started = System.nanoTime();

			int read = idle.read(ByteBuffer.allocate(1));

			assertThat(read).as("closed by the daemon").isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
		}
	}

	@Test
	void anOversizedRequestIsRefusedAndTheDaemonAnswersTheNextCommand() throws Exception {
		try (SocketChannel client = connect()) {
			ByteBuffer header = ByteBuffer.allocate(9).putInt(MessageCodec.MAGIC).put((byte) 'R').putInt(16 << 20).flip();
			client.write(header);

			assertThat(answer(client)).isInstanceOfSatisfying(Message.Refused.class,
					refused -> assertThat(refused.reason()).contains("over the limit of " + MessageCodec.MAX_FRAME));
		}
		try (SocketChannel client = connect()) {
			client.write(ByteBuffer.wrap(preface(new Message.Ping("x".repeat(MessageCodec.MAX_STRING + 1)))));

			assertThat(answer(client)).isInstanceOfSatisfying(Message.Refused.class,
					refused -> assertThat(refused.reason()).contains("a string of"));
		}
		Result next = this.localdb.run("port", "ghost");
		assertThat(next.exitCode()).as(next.stderr()).isEqualTo(3);
	}

	@Test
	void clientsOfAStoppedDaemonSaySoWithinTheBound() throws Exception {
		long daemon = this.localdb.daemonPid().orElseThrow();
		signal("STOP", daemon);
		try {
			long started = System.nanoTime();
			Result command = this.localdb.run("ports");
			Duration commandTook = Duration.ofNanos(System.nanoTime() - started);
			started = System.nanoTime();
			Result status = this.localdb.run("daemon", "status");
			Duration statusTook = Duration.ofNanos(System.nanoTime() - started);
			System.out.printf("SIGSTOPped daemon: 'ports' said so after %d ms, 'daemon status' after %d ms%n",
					commandTook.toMillis(), statusTook.toMillis());

			assertThat(command.exitCode()).isEqualTo(1);
			assertThat(command.stderr()).isEqualTo("Error: the LocalDB daemon (pid " + daemon
					+ ") does not answer; 'localdb daemon restart' or --no-daemon.\n");
			assertThat(commandTook).isLessThan(Duration.ofSeconds(20));
			assertThat(status.exitCode()).isEqualTo(1);
			assertThat(status.stderr()).contains("(pid " + daemon + ") does not answer");
			assertThat(statusTook).isLessThan(Duration.ofSeconds(20));
		}
		finally {
			signal("CONT", daemon);
		}
		Result after = this.localdb.run("ports");
		assertThat(after.exitCode()).as(after.stderr()).isZero();
	}

	@Test
	void daemonStopEndsAStoppedDaemonWithinTheBound() throws Exception {
		long daemon = this.localdb.daemonPid().orElseThrow();
		signal("STOP", daemon);
		try {
			long started = System.nanoTime();
			Result stop = this.localdb.run("daemon", "stop");

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
			assertThat(stop.exitCode()).as(stop.stderr()).isZero();
			assertThat(stop.stderr()).contains("(pid " + daemon + ") does not answer; it was killed");
			assertThat(new ProcessTable().isPidAlive(daemon)).as("gone (a zombie at most)").isFalse();
		}
		finally {
			signal("CONT", daemon);
		}
		Result next = this.localdb.run("ports");
		assertThat(next.exitCode()).as(next.stderr()).isZero();
	}

	private SocketChannel connect() throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		channel.connect(UnixDomainSocketAddress.of(this.home.resolve("runtime/daemon.sock")));
		return channel;
	}

	private static byte[] preface(Message message) throws IOException {
		byte[] frame = MessageCodec.encode(message);
		return ByteBuffer.allocate(4 + frame.length).putInt(MessageCodec.MAGIC).put(frame).array();
	}

	private static Message answer(SocketChannel client) throws IOException {
		ByteBuffer header = ByteBuffer.allocate(MessageCodec.HEADER);
		while (header.hasRemaining() && client.read(header) >= 0) {
			// until the header is in
		}
		header.flip();
		byte kind = header.get();
		ByteBuffer payload = ByteBuffer.allocate(header.getInt());
		while (payload.hasRemaining() && client.read(payload) >= 0) {
			// until the payload is in
		}
		return MessageCodec.decode(kind, payload.array());
	}

	private static int threads(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("Threads:")) {
				return Integer.parseInt(line.substring("Threads:".length()).trim());
			}
		}
		throw new IllegalStateException("no thread count for " + pid);
	}

	private static void signal(String signal, long pid) throws Exception {
		new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
	}

}
