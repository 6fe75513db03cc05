package dev.localdb.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.localdb.os.AtomicFile;
import dev.localdb.os.DetachedLauncher;
import dev.localdb.os.PrivateDirectory;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;

/**
 * The client's side of the daemon: finds the daemon of a home, starts one when none answers (one
 * for any number of clients starting at once: they take the start lock in turn), replaces one
 * that runs another build or other settings, sends a command and streams its output back.
 */
final class DaemonConnector {

	private static final Duration START_PATIENCE = Duration.ofSeconds(60);

	private static final String SPINNER = "|/-\\";

	private final DaemonAddress address;

	private final String fingerprint;

	private final PrintStream notes;

	private final boolean terminal;

	public DaemonConnector(DaemonAddress address, String fingerprint, PrintStream notes, boolean terminal) {
		this.address = address;
		this.fingerprint = fingerprint;
		this.notes = notes;
		this.terminal = terminal;
	}

	/** A connection to the running daemon, or empty when none answers (no socket, or a stale one). */
	public Optional<SocketChannel> connect() {
		if (!Files.exists(this.address.socket())) {
			return Optional.empty();
		}
		try {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.connect(UnixDomainSocketAddress.of(this.address.socket()));
				return Optional.of(channel);
			}
			catch (IOException ex) {
				channel.close();
				return Optional.empty();
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Runs one command in the daemon (started if need be) and returns its exit status.
	 * @param cancel set by the caller's Ctrl-C handler: what to write to ask for a cancel
	 */
	public int run(List<String> args, Path directory, Map<String, String> environment, boolean stderrTerminal,
			OutputStream out, OutputStream err, Cancel cancel) throws IOException {
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<SocketChannel> running = connect();
			SocketChannel channel = running.isPresent() ? running.get() : start();
			try (channel) {
				DataOutputStream requests = new DataOutputStream(new java.io.BufferedOutputStream(ChannelStreams.out(channel)));
				Frames.writeRequest(requests,
						new Frames.Request(this.fingerprint, directory.toString(), args, environment, stderrTerminal));
				cancel.attach(requests);
				DataInputStream answers = new DataInputStream(new java.io.BufferedInputStream(ChannelStreams.in(channel)));
				while (true) {
					byte type;
					byte[] payload;
					try {
						type = answers.readByte();
						payload = new byte[Frames.bounded(answers.readInt())];
						answers.readFully(payload);
					}
					catch (EOFException ex) {
						this.notes.println("localdb: the daemon died during the command (its log: "
								+ this.address.logFile() + "). The registry is safe; run the command again.");
						return 1;
					}
					switch (type) {
						case Frames.OUT -> out.write(payload);
						case Frames.ERR -> err.write(payload);
						case Frames.EXIT -> {
							out.flush();
							err.flush();
							return java.nio.ByteBuffer.wrap(payload).getInt();
						}
						case Frames.MISMATCH -> {
							String theirs = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
							this.notes.println("localdb: replacing the running daemon: "
									+ Fingerprint.difference(this.fingerprint, theirs) + ".");
							stop();
						}
						default -> throw new IOException("unexpected frame " + type + " from the daemon");
					}
					if (type == Frames.MISMATCH) {
						break;
					}
				}
			}
			finally {
				cancel.detach();
			}
		}
		throw new IOException("the daemon was replaced but the new one still does not match");
	}

	/**
	 * Stops the running daemon gracefully: asks it over the socket, then waits for it to exit.
	 * @return the state of the daemon that was stopped, or empty when none ran
	 */
	public Optional<DaemonState> stop() {
		Optional<DaemonState> state = DaemonState.read(this.address.stateFile());
		Optional<SocketChannel> channel = connect();
		if (channel.isEmpty()) {
			return Optional.empty();
		}
		try (SocketChannel open = channel.get()) {
			DataOutputStream requests = new DataOutputStream(new java.io.BufferedOutputStream(ChannelStreams.out(open)));
			Frames.writeRequest(requests, new Frames.Request(this.fingerprint, "/", List.of(Frames.SHUTDOWN), Map.of(), false));
			DataInputStream answers = new DataInputStream(new java.io.BufferedInputStream(ChannelStreams.in(open)));
			answers.readByte();
		}
		catch (IOException ex) {
			// it is going away already
		}
		awaitExit(state);
		return state;
	}

	/** Waits until the daemon that held the lock has let it go (it exits right after). */
	private void awaitExit(Optional<DaemonState> state) {
		ProcessTable processes = new ProcessTable();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		Optional<ProcessIdentity> identity = state.map(s -> new ProcessIdentity(s.pid(), s.processStart()));
		while (System.nanoTime() < deadline) {
			boolean gone = identity.map(id -> !processes.isRunning(id)).orElse(true);
			if (gone && connect().map(this::closeQuietly).isEmpty()) {
				return;
			}
			sleep(20);
		}
	}

	/** Starts a daemon unless another client just did, and waits until it answers. */
	private SocketChannel start() {
		try {
			PrivateDirectory.ensure(this.address.runtime());
			try (FileChannel lockChannel = AtomicFile.openPrivate(this.address.startLockFile());
					FileLock lock = lockChannel.lock()) {
				Optional<SocketChannel> started = connect();
				if (started.isPresent()) {
					return started.get();
				}
				Process daemon = spawn();
				return awaitDaemon(daemon);
			}
		}
		catch (IOException ex) {
			throw new DaemonUnavailableException("Cannot start the LocalDB daemon: " + ex.getMessage()
					+ ". Run with --no-daemon (or LOCALDB_DAEMON=0) to run the command in this process.", ex);
		}
	}

	private Process spawn() throws IOException {
		if (this.address.shortPath()) {
			PrivateDirectory.ensure(this.address.socket().getParent());
		}
		Files.createDirectories(this.address.logFile().getParent());
		List<String> command = new ArrayList<>(DaemonCommand.of(this.fingerprint, this.address.home()));
		return new DetachedLauncher().launch(command, null, Map.of(), this.address.home(), this.address.logFile());
	}

	private SocketChannel awaitDaemon(Process daemon) {
		long started = System.nanoTime();
		long deadline = started + START_PATIENCE.toNanos();
		int frame = 0;
		while (System.nanoTime() < deadline) {
			Optional<SocketChannel> channel = connect();
			if (channel.isPresent()) {
				if (this.terminal) {
					this.notes.print("\r\033[K");
				}
				this.notes.println("localdb: started the LocalDB daemon (pid " + daemon.pid() + "; it keeps running, "
						+ "log: " + this.address.logFile() + ", stop it with 'localdb daemon stop').");
				if (this.address.shortPath()) {
					this.notes.println("localdb: LOCALDB_HOME is too deep for a Unix socket path; the daemon listens on "
							+ this.address.socket() + " instead.");
				}
				return channel.get();
			}
			if (!daemon.isAlive()) {
				if (this.terminal) {
					this.notes.print("\r\033[K");
				}
				throw new DaemonUnavailableException("The LocalDB daemon could not start: " + lastError()
						+ " (its log: " + this.address.logFile() + ")", null);
			}
			if (this.terminal) {
				this.notes.printf("\r%c starting the LocalDB daemon (%.1f s)", SPINNER.charAt(frame++ % 4),
						(System.nanoTime() - started) / 1e9);
				this.notes.flush();
			}
			sleep(25);
		}
		throw new DaemonUnavailableException("The LocalDB daemon did not answer within "
				+ START_PATIENCE.toSeconds() + " s; its log: " + this.address.logFile() + ".", null);
	}

	/** The daemon's own one-line reason, the last "Error: " line of its log. */
	private String lastError() {
		try {
			List<String> lines = Files.readAllLines(this.address.logFile());
			for (int i = lines.size() - 1; i >= 0; i--) {
				if (lines.get(i).startsWith("Error: ")) {
					return lines.get(i).substring("Error: ".length());
				}
			}
		}
		catch (IOException ex) {
			// no log to quote
		}
		return "it exited as it started.";
	}

	private Optional<Boolean> closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing a connection we only tried
		}
		return Optional.of(true);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DaemonUnavailableException("Interrupted while waiting for the LocalDB daemon.", ex);
		}
	}

	/** Where a Ctrl-C sends its cancel while a command runs. */
	public static final class Cancel {

		private volatile DataOutputStream requests;

		void attach(DataOutputStream requests) {
			this.requests = requests;
		}

		void detach() {
			this.requests = null;
		}

		/** @return true when a command was running and was asked to stop */
		public boolean send() {
			DataOutputStream target = this.requests;
			if (target == null) {
				return false;
			}
			try {
				Frames.writeFrame(target, Frames.CANCEL, new byte[0]);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

	/** No daemon can be had: the message says why and what to do. */
	public static final class DaemonUnavailableException extends RuntimeException {

		DaemonUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
