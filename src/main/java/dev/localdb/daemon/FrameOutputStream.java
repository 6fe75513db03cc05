package dev.localdb.daemon;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import dev.localdb.wire.Message;
import dev.localdb.wire.MessageCodec;

/** A command's stdout or stderr, sent to the client as {@link Message.Output} frames within the frame limit. */
final class FrameOutputStream extends OutputStream {

	private static final int CHUNK = 64 * 1024;

	private final DataOutputStream socket;

	private final Message.Stream stream;

	FrameOutputStream(DataOutputStream socket, Message.Stream stream) {
		this.socket = socket;
		this.stream = stream;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		for (int from = offset; from < offset + length; from += CHUNK) {
			int to = Math.min(offset + length, from + CHUNK);
			MessageCodec.write(this.socket, new Message.Output(this.stream, Arrays.copyOfRange(bytes, from, to)));
		}
	}

}
