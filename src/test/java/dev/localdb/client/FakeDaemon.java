package dev.localdb.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.localdb.wire.ChannelStreams;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.Message;
import dev.localdb.wire.MessageCodec;

/** A daemon's socket with a scripted answer, for the client's pieces without a real daemon. */
final class FakeDaemon implements AutoCloseable {

	interface Script {

		void answer(Message first, DataInputStream in, DataOutputStream out) throws IOException, InterruptedException;

	}

	private final ServerSocketChannel server;

	final List<Message> received = new CopyOnWriteArrayList<>();

	private final Thread thread;

	FakeDaemon(DaemonAddress address, Script script) throws IOException {
		Files.createDirectories(address.runtime());
		this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		this.server.bind(UnixDomainSocketAddress.of(address.socket()));
		this.thread = new Thread(() -> serve(script), "fake-daemon");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void serve(Script script) {
		while (this.server.isOpen()) {
			try (SocketChannel client = this.server.accept()) {
				DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(client)));
				DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(client)));
				if (in.readInt() != MessageCodec.MAGIC) {
					continue;
				}
				Message first = MessageCodec.read(in);
				this.received.add(first);
				script.answer(first, in, out);
			}
			catch (IOException | InterruptedException ex) {
				// the test closed it, or the client went away
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.thread.interrupt();
	}

	static Path socketOf(Path home) {
		return DaemonAddress.of(home).socket();
	}

}
