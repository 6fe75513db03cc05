package dev.localdb.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import dev.localdb.wire.Compatibility;
import dev.localdb.wire.Connection;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.DaemonState;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Message;
import dev.localdb.wire.NoAnswerException;

/**
 * The client's side of the daemon: decides from {@code daemon.properties} whether the running
 * daemon can serve this client (and says in one line when it is replaced, or runs with other
 * settings), starts one when none answers, sends one message and streams the answer back. Every
 * wait has a deadline: a daemon that says nothing for {@link #PATIENCE} is reported, not waited for.
 */
final class DaemonConnector {

	/**
	 * Silence after which a daemon is said not to answer; a busy daemon sends heartbeats far more
	 * often. A client-side -D option (JAVA_OPTS), not a daemon setting: this client has no Spring.
	 */
	static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("localdb.client.patience-seconds", 10));

	/** How long a client retries a daemon that runs as many commands as it may. */
	private static final Duration BUSY_PATIENCE = Duration.ofSeconds(30);

	private final DaemonAddress address;

	private final Fingerprint fingerprint;

	private final PrintStream notes;

	private final DaemonStarter starter;

	private final Duration patience;

	private boolean noted;

	DaemonConnector(DaemonAddress address, Fingerprint fingerprint, PrintStream notes, boolean terminal) {
		this(address, fingerprint, notes, terminal, PATIENCE);
	}

	DaemonConnector(DaemonAddress address, Fingerprint fingerprint, PrintStream notes, boolean terminal,
			Duration patience) {
		this.patience = patience;
		this.address = address;
		this.fingerprint = fingerprint;
		this.notes = notes;
		this.starter = new DaemonStarter(address, fingerprint, notes, terminal);
	}

	Duration patience() {
		return this.patience;
	}

	DaemonAddress address() {
		return this.address;
	}

	DaemonStarter starter() {
		return this.starter;
	}

	/** A connection to the running daemon, or empty when none listens. */
	Optional<Connection> connect() throws NoAnswerException {
		return Connection.open(this.address.socket(), this.patience);
	}

	/**
	 * Sends {@code message} to a compatible daemon (started or replaced if need be) and streams its
	 * answer to {@code out} and {@code err}.
	 * @param cancel where a Ctrl-C sends its cancel while the command runs
	 * @return the exit status
	 */
	int run(Message message, OutputStream out, OutputStream err, Cancel cancel) throws IOException {
		long busyUntil = System.nanoTime() + BUSY_PATIENCE.toNanos();
		boolean replaced = false;
		while (true) {
			try (Connection connection = compatible()) {
				connection.send(message, this.patience);
				cancel.attach(connection);
				Message answer;
				while (true) {
					answer = connection.receive(this.patience);
					if (answer instanceof Message.Output output) {
						(output.stream() == Message.Stream.STDOUT ? out : err).write(output.bytes());
					}
					else if (!(answer instanceof Message.Heartbeat)) {
						break;
					}
				}
				out.flush();
				err.flush();
				if (answer instanceof Message.Exit exit) {
					return exit.status();
				}
				if (answer instanceof Message.Refused refused) {
					throw new IOException("the daemon refused the request: " + refused.reason());
				}
				if (answer instanceof Message.Busy busy && System.nanoTime() < busyUntil) {
					pause();
					continue;
				}
				if (answer instanceof Message.Mismatch mismatch && !replaced) {
					// what it recorded said otherwise (an older daemon, a race): its own word decides
					this.notes.println("localdb: replacing the running daemon: "
							+ Compatibility.of(this.fingerprint, mismatch.fingerprint()).reason() + ".");
					this.starter.start(true).close();
					replaced = true;
					continue;
				}
				throw new IOException("unexpected answer from the daemon: " + answer);
			}
			catch (NoAnswerException ex) {
				throw new DaemonUnavailableException(notAnswering(), ex);
			}
			catch (EOFException ex) {
				throw new DaemonUnavailableException("the daemon died during the command (its log: "
						+ this.address.logFile() + "). The registry is safe; run the command again", ex);
			}
			finally {
				cancel.detach();
			}
		}
	}

	/** The daemon's one line when it does not answer. */
	String notAnswering() {
		String pid = DaemonState.read(this.address.stateFile()).map(state -> " (pid " + state.pid() + ")").orElse("");
		return "the LocalDB daemon" + pid + " does not answer; 'localdb daemon restart' or --no-daemon";
	}

	/** The running daemon when it may serve this client, else a new one (which replaces it). */
	private Connection compatible() throws NoAnswerException {
		Optional<DaemonState> state = DaemonState.read(this.address.stateFile());
		if (state.isPresent()) {
			Compatibility compatibility = Compatibility.of(this.fingerprint, state.get().fingerprint());
			if (!this.noted) {
				compatibility.note(state.get().pid()).ifPresent(this.notes::println);
				this.noted = true;
			}
			if (compatibility.decision() == Compatibility.Decision.REPLACE) {
				return this.starter.start(false);
			}
		}
		Optional<Connection> running = connect();
		return running.isPresent() ? running.get() : this.starter.start(false);
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Where a Ctrl-C sends its cancel while a command runs. */
	static final class Cancel {

		private volatile Connection connection;

		void attach(Connection connection) {
			this.connection = connection;
		}

		void detach() {
			this.connection = null;
		}

		/** @return true when a command was running and was asked to stop */
		boolean send() {
			Connection target = this.connection;
			if (target == null) {
				return false;
			}
			try {
				target.signal(new Message.Cancel());
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

	/** No daemon can be had: the message says why and what to do. */
	static final class DaemonUnavailableException extends RuntimeException {

		DaemonUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
