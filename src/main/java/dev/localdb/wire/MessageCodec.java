package dev.localdb.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one encoding of {@link Message}s. A client starts a connection with {@link #MAGIC}; then each
 * message is a frame: its kind (one byte), the length of its payload (an int) and the payload.
 * Strings are a length and UTF-8 bytes; nothing is re-split or re-quoted on the way. A length read
 * from the peer is checked against the limits before anything is allocated for it.
 */
public final class MessageCodec {

	/** "LDB2": the protocol of this build; a daemon of the old one ("LDB1") closes the connection. */
	public static final int MAGIC = 0x4c444232;

	/** One string: far above any real argument, directory or environment variable. */
	public static final int MAX_STRING = 1 << 20;

	/** One frame: a request with a big environment fits many times over. */
	public static final int MAX_FRAME = 4 << 20;

	/** Kind byte and length int. */
	public static final int HEADER = 5;

	private MessageCodec() {
	}

	public static void writePreface(DataOutputStream out) throws IOException {
		out.writeInt(MAGIC);
	}

	/** Writes one frame and flushes; safe from several threads (stdout, stderr, heartbeat). */
	public static void write(DataOutputStream out, Message message) throws IOException {
		byte[] payload = payload(message);
		synchronized (out) {
			out.writeByte(message.kind());
			out.writeInt(payload.length);
			out.write(payload);
			out.flush();
		}
	}

	/** One frame as bytes, for a last word written without a stream. */
	public static byte[] encode(Message message) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		write(new DataOutputStream(bytes), message);
		return bytes.toByteArray();
	}

	/** Reads one frame; a frame over the limits is refused before its payload is read. */
	public static Message read(DataInputStream in) throws IOException {
		byte kind = in.readByte();
		byte[] payload = new byte[frameLength(in.readInt())];
		in.readFully(payload);
		return decode(kind, payload);
	}

	/** A payload length read from the peer, or {@link FrameTooLargeException}. */
	public static int frameLength(int length) throws IOException {
		if (length < 0) {
			throw new IOException("bad frame length " + length);
		}
		if (length > MAX_FRAME) {
			throw new FrameTooLargeException("a message of " + length + " bytes is over the limit of " + MAX_FRAME
					+ " bytes");
		}
		return length;
	}

	static byte[] payload(Message message) throws IOException {
		if (message instanceof Message.Output output) {
			return output.bytes();
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		if (message instanceof Message.Request request) {
			writeString(out, request.fingerprint());
			writeString(out, request.directory());
			out.writeInt(request.args().size());
			for (String arg : request.args()) {
				writeString(out, arg);
			}
			out.writeInt(request.environment().size());
			for (Map.Entry<String, String> variable : request.environment().entrySet()) {
				writeString(out, variable.getKey());
				writeString(out, variable.getValue());
			}
			out.writeBoolean(request.stderrTerminal());
		}
		else if (message instanceof Message.Ping ping) {
			writeString(out, ping.fingerprint());
		}
		else if (message instanceof Message.Exit exit) {
			out.writeInt(exit.status());
		}
		else if (message instanceof Message.Mismatch mismatch) {
			writeString(out, mismatch.fingerprint());
		}
		else if (message instanceof Message.Busy busy) {
			writeString(out, busy.reason());
		}
		else if (message instanceof Message.Refused refused) {
			writeString(out, refused.reason());
		}
		return bytes.toByteArray();
	}

	public static Message decode(byte kind, byte[] payload) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
		return switch (kind) {
			case 'R' -> {
				String fingerprint = readString(in);
				String directory = readString(in);
				int argCount = count(in);
				List<String> args = new ArrayList<>(argCount);
				for (int i = 0; i < argCount; i++) {
					args.add(readString(in));
				}
				int variables = count(in);
				Map<String, String> environment = new LinkedHashMap<>();
				for (int i = 0; i < variables; i++) {
					environment.put(readString(in), readString(in));
				}
				yield new Message.Request(fingerprint, directory, args, environment, in.readBoolean());
			}
			case 'P' -> new Message.Ping(readString(in));
			case 'S' -> new Message.Shutdown();
			case 'C' -> new Message.Cancel();
			case 'O' -> new Message.Output(Message.Stream.STDOUT, payload);
			case 'E' -> new Message.Output(Message.Stream.STDERR, payload);
			case 'X' -> new Message.Exit(in.readInt());
			case 'M' -> new Message.Mismatch(readString(in));
			case 'B' -> new Message.Busy(readString(in));
			case 'F' -> new Message.Refused(readString(in));
			case 'H' -> new Message.Heartbeat();
			default -> throw new IOException("unknown message kind " + kind);
		};
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	/** A count of strings: each takes at least its length, so more than the bytes left is a lie. */
	private static int count(DataInputStream in) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > in.available() / 4) {
			throw new IOException("bad count " + count);
		}
		return count;
	}

	private static String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length > MAX_STRING) {
			throw new FrameTooLargeException("a string of " + length + " bytes is over the limit of " + MAX_STRING
					+ " bytes");
		}
		if (length < 0 || length > in.available()) {
			throw new IOException("bad string length " + length);
		}
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** The peer announced more than any real message: refused, never allocated. */
	public static final class FrameTooLargeException extends IOException {

		FrameTooLargeException(String message) {
			super(message);
		}

	}

}
