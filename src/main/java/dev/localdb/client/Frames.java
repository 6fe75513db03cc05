package dev.localdb.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-daemon protocol over the Unix socket. The client sends one request, then perhaps a
 * cancel; the daemon answers with output frames and ends with the exit status:
 * <pre>
 * request:  "LDB1" fingerprint cwd args[] env{} stderr-is-a-terminal
 * client:   CANCEL                      (Ctrl-C)
 * daemon:   (OUT bytes | ERR bytes)* (EXIT status | MISMATCH reason)
 * </pre>
 * Strings are a length and UTF-8 bytes; nothing is re-split or re-quoted on the way.
 */
public final class Frames {

	public static final int MAGIC = 0x4c444231; // "LDB1"

	public static final byte OUT = 'O';

	public static final byte ERR = 'E';

	public static final byte EXIT = 'X';

	/** The daemon was started from another build or with other settings: the client replaces it. */
	public static final byte MISMATCH = 'M';

	public static final byte CANCEL = 'C';

	/** Internal requests: answer with the daemon's pid; shut down after answering. */
	public static final String PING = "__ping";

	public static final String SHUTDOWN = "__shutdown";

	private Frames() {
	}

	public record Request(String fingerprint, String directory, List<String> args, Map<String, String> environment,
			boolean stderrTerminal) {

		public Request {
			args = List.copyOf(args);
			environment = Map.copyOf(environment);
		}

	}

	public static void writeRequest(DataOutputStream out, Request request) throws IOException {
		out.writeInt(MAGIC);
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
		out.flush();
	}

	public static Request readRequest(DataInputStream in) throws IOException {
		if (in.readInt() != MAGIC) {
			throw new IOException("not a LocalDB client");
		}
		String fingerprint = readString(in);
		String directory = readString(in);
		int argCount = bounded(in.readInt());
		List<String> args = new ArrayList<>(argCount);
		for (int i = 0; i < argCount; i++) {
			args.add(readString(in));
		}
		int envCount = bounded(in.readInt());
		Map<String, String> environment = new LinkedHashMap<>();
		for (int i = 0; i < envCount; i++) {
			environment.put(readString(in), readString(in));
		}
		return new Request(fingerprint, directory, args, environment, in.readBoolean());
	}

	/** One frame: its type, then a length and the bytes. */
	public static void writeFrame(DataOutputStream out, byte type, byte[] payload) throws IOException {
		synchronized (out) {
			out.writeByte(type);
			out.writeInt(payload.length);
			out.write(payload);
			out.flush();
		}
	}

	public static void writeExit(DataOutputStream out, int status) throws IOException {
		writeFrame(out, EXIT, java.nio.ByteBuffer.allocate(4).putInt(status).array());
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	static String readString(DataInputStream in) throws IOException {
		byte[] bytes = new byte[bounded(in.readInt())];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** A length read from the peer; a broken or hostile one is refused, not allocated. */
	static int bounded(int length) throws IOException {
		if (length < 0 || length > 16 * 1024 * 1024) {
			throw new IOException("bad frame length " + length);
		}
		return length;
	}

}
