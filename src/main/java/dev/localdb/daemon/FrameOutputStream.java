package dev.localdb.daemon;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import dev.localdb.client.Frames;

/** A command's stdout or stderr, sent to the client as frames of one type. */
final class FrameOutputStream extends OutputStream {

	private final DataOutputStream socket;

	private final byte type;

	FrameOutputStream(DataOutputStream socket, byte type) {
		this.socket = socket;
		this.type = type;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		if (length > 0) {
			Frames.writeFrame(this.socket, this.type, Arrays.copyOfRange(bytes, offset, offset + length));
		}
	}

}
