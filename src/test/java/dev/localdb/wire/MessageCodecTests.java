package dev.localdb.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MessageCodecTests {

	static Stream<Message> everyMessage() {
		return Stream.of(
				new Message.Request("b/c/s", "/home/me/blog", List.of("start", "blog", "--command", "echo 'a b' $PORT"),
						Map.of("PATH", "/usr/bin", "LANG", "de_DE.UTF-8", "EMPTY", ""), true),
				new Message.Request("", "/", List.of(), Map.of(), false), new Message.Ping("b/c/s"), new Message.Ping(""),
				new Message.Shutdown(), new Message.Cancel(),
				new Message.Output(Message.Stream.STDOUT, "✓ blog started\n".getBytes(StandardCharsets.UTF_8)),
				new Message.Output(Message.Stream.STDERR, new byte[0]), new Message.Exit(0), new Message.Exit(130),
				new Message.Mismatch("other/c/s"), new Message.Busy("too many"), new Message.Refused("too big"),
				new Message.Heartbeat());
	}

	@ParameterizedTest
	@MethodSource("everyMessage")
	void everyMessageComesBackAsItWasSent(Message message) throws IOException {
		byte[] frame = MessageCodec.encode(message);

		DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
		assertThat(MessageCodec.read(in)).isEqualTo(message);
		assertThat(in.available()).as("nothing left over").isZero();
	}

	@Test
	void everyKindHasItsOwnByte() {
		assertThat(everyMessage().map(Message::kind).distinct().count()).isEqualTo(11);
	}

	@Test
	void aFrameOverTheLimitIsRefusedBeforeItsPayloadIsRead() {
		byte[] header = ByteBuffer.allocate(5).put((byte) 'R').putInt(16 * 1024 * 1024).array();

		assertThatThrownBy(() -> MessageCodec.read(new DataInputStream(new ByteArrayInputStream(header))))
			.isInstanceOf(MessageCodec.FrameTooLargeException.class)
			.hasMessageContaining("over the limit of " + MessageCodec.MAX_FRAME);
	}

	@Test
	void aStringOverTheLimitIsRefused() throws IOException {
		String big = "x".repeat(MessageCodec.MAX_STRING + 1);
		byte[] frame = MessageCodec.encode(new Message.Ping(big));

		assertThatThrownBy(() -> MessageCodec.read(new DataInputStream(new ByteArrayInputStream(frame))))
			.isInstanceOf(MessageCodec.FrameTooLargeException.class)
			.hasMessageContaining("a string of");
	}

	@Test
	void aCountOrLengthBeyondThePayloadIsRefusedNotAllocated() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream payload = new DataOutputStream(bytes);
		payload.writeInt(0); // fingerprint ""
		payload.writeInt(0); // directory ""
		payload.writeInt(Integer.MAX_VALUE); // args: a lie

		assertThatThrownBy(() -> MessageCodec.decode((byte) 'R', bytes.toByteArray())).hasMessageContaining("bad count");
		assertThatThrownBy(() -> MessageCodec.decode((byte) 'P', ByteBuffer.allocate(4).putInt(1000).array()))
			.hasMessageContaining("bad string length");
	}

	@Test
	void anUnknownKindIsAnError() {
		assertThatThrownBy(() -> MessageCodec.decode((byte) 'Z', new byte[0])).hasMessageContaining("unknown message kind");
	}

}
