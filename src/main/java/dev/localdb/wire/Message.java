package dev.localdb.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What client and daemon say to each other over the daemon's socket. A client opens a connection
 * with one {@link Request}, {@link Ping} or {@link Shutdown}, and may then send a {@link Cancel}
 * (Ctrl-C). The daemon answers with {@link Output} and {@link Heartbeat}s while the command runs,
 * and ends with {@link Exit}, or with {@link Mismatch}, {@link Busy} or {@link Refused} instead.
 * {@link MessageCodec} is the one encoding.
 */
public sealed interface Message {

	/** The byte that names this kind of message on the wire. */
	byte kind();

	/** Run a command for this client: its directory, environment and terminal. */
	record Request(String fingerprint, String directory, List<String> args, Map<String, String> environment,
			boolean stderrTerminal) implements Message {

		@Override
		public byte kind() {
			return 'R';
		}

		public Request {
			args = List.copyOf(args);
			environment = Map.copyOf(environment);
		}

	}

	/** Are you there, and can you serve a client with this fingerprint? Answered with {@link Exit} 0. */
	record Ping(String fingerprint) implements Message {

		@Override
		public byte kind() {
			return 'P';
		}

	}

	/** Stop after answering (with {@link Exit} 0): commands under way finish first. */
	record Shutdown() implements Message {

		@Override
		public byte kind() {
			return 'S';
		}

	}

	/** The client's Ctrl-C: undo what the command began. */
	record Cancel() implements Message {

		@Override
		public byte kind() {
			return 'C';
		}

	}

	/** Bytes the command wrote to its stdout or stderr. */
	record Output(Stream stream, byte[] bytes) implements Message {

		@Override
		public byte kind() {
			return this.stream == Stream.STDOUT ? (byte) 'O' : (byte) 'E';
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Output that && this.stream == that.stream && Arrays.equals(this.bytes, that.bytes);
		}

		@Override
		public int hashCode() {
			return this.stream.hashCode() * 31 + Arrays.hashCode(this.bytes);
		}

		@Override
		public String toString() {
			return "Output[" + this.stream + ", " + this.bytes.length + " bytes]";
		}

	}

	/** The command ended with this exit status. */
	record Exit(int status) implements Message {

		@Override
		public byte kind() {
			return 'X';
		}

	}

	/** This daemon was started from another build or configuration (its fingerprint): start another. */
	record Mismatch(String fingerprint) implements Message {

		@Override
		public byte kind() {
			return 'M';
		}

	}

	/** The daemon runs as many commands as it may; try again shortly. */
	record Busy(String reason) implements Message {

		@Override
		public byte kind() {
			return 'B';
		}

	}

	/** The request broke the protocol (too large, not LocalDB's); the connection is closed. */
	record Refused(String reason) implements Message {

		@Override
		public byte kind() {
			return 'F';
		}

	}

	/** The command still runs: sent while it is quiet, so the client knows the daemon is alive. */
	record Heartbeat() implements Message {

		@Override
		public byte kind() {
			return 'H';
		}

	}

	enum Stream {
		STDOUT, STDERR
	}

}
