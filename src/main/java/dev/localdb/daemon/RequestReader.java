package dev.localdb.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.wire.Message;
import dev.localdb.wire.MessageCodec;

/**
 * Accepts clients and reads each one's first message on one thread, without a thread per
 * connection: a connection costs a thread only once its request is complete. A connection that
 * sends no complete request within {@link #PATIENCE}, or more than {@link MessageCodec#MAX_FRAME},
 * or not LocalDB's protocol, is closed (with a {@link Message.Refused} where it can read one).
 * Nothing stops this loop but {@link #close()}: any error is logged and it goes on.
 */
final class RequestReader implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(RequestReader.class);

	static final Duration PATIENCE = Duration.ofSeconds(5);

	/** Connections that have not sent their request yet; beyond, new ones are told the daemon is busy. */
	static final int MAX_PENDING = 1024;

	private static final int PREAMBLE = 4 + MessageCodec.HEADER;

	/** What a complete first message is handed to; false when no session may start now. */
	interface Sessions {

		boolean start(SocketChannel channel, Message first);

	}

	private final ServerSocketChannel server;

	private final Selector selector;

	private final Sessions sessions;

	private final Runnable accepted;

	private volatile boolean open = true;

	RequestReader(ServerSocketChannel server, Sessions sessions, Runnable accepted) throws IOException {
		this.server = server;
		this.sessions = sessions;
		this.accepted = accepted;
		this.selector = Selector.open();
		server.configureBlocking(false);
		server.register(this.selector, SelectionKey.OP_ACCEPT);
	}

	@Override
	public void run() {
		while (this.open) {
			try {
				this.selector.select(250);
				for (SelectionKey key : new ArrayList<>(this.selector.selectedKeys())) {
					this.selector.selectedKeys().remove(key);
					if (!key.isValid()) {
						continue;
					}
					if (key.isAcceptable()) {
						acceptAll();
					}
					else if (key.isReadable()) {
						read(key);
					}
				}
				expire();
			}
			catch (Throwable ex) {
				// the accept loop must outlive anything one client can cause
				if (this.open) {
					log.error("The daemon's socket loop failed; it goes on", ex);
				}
			}
		}
	}

	void close() {
		this.open = false;
		this.selector.wakeup();
		for (SelectionKey key : this.selector.keys()) {
			closeQuietly(key.channel());
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			log.debug("Closing the selector: {}", ex.getMessage());
		}
	}

	private void acceptAll() throws IOException {
		SocketChannel client;
		while ((client = this.server.accept()) != null) {
			this.accepted.run();
			client.configureBlocking(false);
			if (this.selector.keys().size() > MAX_PENDING) {
				answer(client, new Message.Busy("too many connections are waiting to send a request"));
				continue;
			}
			client.register(this.selector, SelectionKey.OP_READ, new Pending(System.nanoTime() + PATIENCE.toNanos()));
		}
	}

	private void read(SelectionKey key) throws IOException {
		SocketChannel client = (SocketChannel) key.channel();
		Pending pending = (Pending) key.attachment();
		int read;
		try {
			read = client.read(pending.buffer);
		}
		catch (IOException ex) {
			read = -1;
		}
		if (read < 0) {
			key.cancel();
			closeQuietly(client);
			return;
		}
		if (pending.buffer.hasRemaining()) {
			return;
		}
		if (!pending.headerRead) {
			pending.buffer.flip();
			if (pending.buffer.getInt() != MessageCodec.MAGIC) {
				refuse(key, "not a client of this LocalDB build (run the command again: it replaces this daemon)");
				return;
			}
			byte kind = pending.buffer.get();
			int length;
			try {
				length = MessageCodec.frameLength(pending.buffer.getInt());
			}
			catch (IOException ex) {
				refuse(key, ex.getMessage());
				return;
			}
			pending.kind = kind;
			pending.headerRead = true;
			// only now, and only up to the limit, is anything allocated for what the peer announced
			pending.buffer = ByteBuffer.allocate(length);
			if (length > 0) {
				return;
			}
		}
		Message first;
		try {
			first = MessageCodec.decode(pending.kind, pending.buffer.array());
		}
		catch (IOException ex) {
			refuse(key, ex.getMessage());
			return;
		}
		key.cancel();
		this.selector.selectNow();
		client.configureBlocking(true);
		if (!this.sessions.start(client, first)) {
			answer(client, new Message.Busy("the daemon runs as many commands as it may"));
		}
	}

	private void expire() {
		long now = System.nanoTime();
		for (SelectionKey key : this.selector.keys()) {
			if (key.attachment() instanceof Pending pending && now - pending.deadline > 0) {
				key.cancel();
				closeQuietly(key.channel());
			}
		}
	}

	private void refuse(SelectionKey key, String reason) {
		log.warn("Refused a client: {}", reason);
		key.cancel();
		answer((SocketChannel) key.channel(), new Message.Refused(reason));
	}

	/** A last word, written without waiting (it is small, and the socket's buffer is empty), then closed. */
	private static void answer(SocketChannel client, Message message) {
		try {
			client.write(ByteBuffer.wrap(MessageCodec.encode(message)));
		}
		catch (IOException ex) {
			// it is gone already
		}
		finally {
			closeQuietly(client);
		}
	}

	private static void closeQuietly(Channel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing is all that is left
		}
	}

	/** A connection's first message as far as it has come. */
	private static final class Pending {

		private final long deadline;

		private ByteBuffer buffer = ByteBuffer.allocate(PREAMBLE);

		private byte kind;

		private boolean headerRead;

		Pending(long deadline) {
			this.deadline = deadline;
		}

	}

}
