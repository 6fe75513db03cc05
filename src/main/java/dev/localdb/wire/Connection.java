package dev.localdb.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A client's connection to a daemon's socket. Every wait on the daemon has a deadline: a stopped or
 * wedged daemon still accepts connections (the kernel queues them) but never answers, and a client
 * must then say so instead of waiting forever. A watchdog closes the channel when a deadline
 * passes, which ends the blocked call.
 */
public final class Connection implements Closeable {

	private final SocketChannel channel;

	private final DataOutputStream out;

	private final DataInputStream in;

	private final Watchdog watchdog;

	private Connection(SocketChannel channel) {
		this.channel = channel;
		this.out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(channel)));
		this.in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(channel)));
		this.watchdog = new Watchdog(channel);
	}

	/**
	 * Connects and sends the protocol's preface.
	 * @return empty when nothing listens (no socket, or a dead daemon's)
	 */
	public static Optional<Connection> open(Path socket, Duration patience) throws NoAnswerException {
		if (!Files.exists(socket)) {
			return Optional.empty();
		}
		SocketChannel channel;
		try {
			channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		Connection connection = new Connection(channel);
		connection.watchdog.arm(patience);
		try {
			channel.connect(UnixDomainSocketAddress.of(socket));
			MessageCodec.writePreface(connection.out);
			connection.out.flush();
			connection.watchdog.disarm();
			return Optional.of(connection);
		}
		catch (IOException ex) {
			connection.close();
			if (connection.watchdog.expired()) {
				throw new NoAnswerException("no answer to a connection within " + patience.toSeconds() + " s");
			}
			return Optional.empty();
		}
	}

	/** Sends a message; safe while another thread waits in {@link #receive}. */
	public void send(Message message, Duration patience) throws IOException {
		this.watchdog.arm(patience);
		try {
			MessageCodec.write(this.out, message);
		}
		catch (IOException ex) {
			throw this.watchdog.expired() ? new NoAnswerException("the daemon took no message for " + patience.toSeconds() + " s") : ex;
		}
		finally {
			this.watchdog.disarm();
		}
	}

	/** Sends a small message now, from any thread (a Ctrl-C's cancel), without touching the deadline. */
	public void signal(Message message) throws IOException {
		MessageCodec.write(this.out, message);
	}

	/** The next message from the daemon, or {@link NoAnswerException} after {@code patience} of silence. */
	public Message receive(Duration patience) throws IOException {
		this.watchdog.arm(patience);
		try {
			return MessageCodec.read(this.in);
		}
		catch (IOException ex) {
			throw this.watchdog.expired() ? new NoAnswerException("no answer for " + patience.toSeconds() + " s") : ex;
		}
		finally {
			this.watchdog.disarm();
		}
	}

	@Override
	public void close() {
		this.watchdog.finish();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// nothing left to say to it
		}
	}

	/** Closes the channel when an armed deadline passes. A class, not a lambda: client start-up time. */
	private static final class Watchdog extends Thread {

		private final SocketChannel channel;

		private long deadline;

		private boolean armed;

		private boolean expired;

		private boolean finished;

		Watchdog(SocketChannel channel) {
			super("localdb-connection-watchdog");
			setDaemon(true);
			this.channel = channel;
		}

		synchronized void arm(Duration patience) {
			this.deadline = System.nanoTime() + patience.toNanos();
			this.armed = true;
			if (getState() == State.NEW) {
				start();
			}
			notifyAll();
		}

		synchronized void disarm() {
			this.armed = false;
		}

		synchronized boolean expired() {
			return this.expired;
		}

		synchronized void finish() {
			this.finished = true;
			notifyAll();
		}

		@Override
		public synchronized void run() {
			try {
				while (!this.finished) {
					long left = this.deadline - System.nanoTime();
					if (this.armed && left <= 0) {
						this.expired = true;
						this.channel.close();
						return;
					}
					wait(this.armed ? Math.max(1, left / 1_000_000) : 0);
				}
			}
			catch (IOException | InterruptedException ex) {
				// closing is all it does
			}
		}

	}

}
