package dev.localdb.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a socket channel that let one thread read while another writes. The JDK's
 * {@code Channels.newInputStream}/{@code newOutputStream} take the channel's blocking lock for
 * every call, so a read waiting for the client's cancel would block every write of output.
 */
public final class ChannelStreams {

	private ChannelStreams() {
	}

	public static InputStream in(SocketChannel channel) {
		return new InputStream() {

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] bytes, int offset, int length) throws IOException {
				if (length == 0) {
					return 0;
				}
				int read = channel.read(ByteBuffer.wrap(bytes, offset, length));
				return read < 0 ? -1 : read;
			}

		};
	}

	public static OutputStream out(SocketChannel channel) {
		return new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
			}

		};
	}

}
