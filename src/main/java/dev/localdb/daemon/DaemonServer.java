package dev.localdb.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

import dev.localdb.os.AtomicFile;
import dev.localdb.os.PrivateDirectory;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.shell.CommandRunner;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.web.WebAddressChanged;
import dev.localdb.wire.BuildInfo;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.DaemonState;
import dev.localdb.wire.Message;

/**
 * The daemon's socket. Only one daemon runs per home: it holds {@code daemon.lock} for its whole
 * life (the kernel drops the lock if it is killed, even with SIGKILL), so a socket file found by
 * the next daemon while it holds the lock is stale and is replaced. The socket is mode 0600 in the
 * 0700 runtime directory. A daemon a client started for a replacement takes over from the one that
 * runs ({@link Predecessor}). Requests are read by one {@link RequestReader}; a complete one runs on a
 * bounded pool of session threads (beyond it, the client is told the daemon is busy). On stop
 * (SIGTERM, {@code daemon stop}, idle) no new client is accepted and the commands under way finish first.
 */
final class DaemonServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DaemonServer.class);

	private final DaemonAddress address;

	private final CommandRunner commands;

	private final DaemonProperties properties;

	private final ProcessTable processes;

	private final DaemonActivity activity;

	private final Supplier<String> web;

	private final Runnable shutdown;

	/** Commands at once: far more than terminals a person has, far fewer than a runaway script opens. */
	static final int MAX_SESSIONS = 64;

	private final ThreadPoolExecutor sessions = new ThreadPoolExecutor(MAX_SESSIONS, MAX_SESSIONS, 30,
			TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
				Thread thread = new Thread(runnable, "localdb-client");
				thread.setDaemon(true);
				return thread;
			});

	private RequestReader reader;

	/** Set once this daemon holds its home's lock and socket: only then may it write daemon.properties. */
	private volatile Instant startedAt;

	private FileChannel lockChannel;

	private FileLock lock;

	private ServerSocketChannel server;

	private volatile boolean running;

	DaemonServer(DaemonAddress address, CommandRunner commands, DaemonProperties properties, ProcessTable processes,
			DaemonActivity activity, Supplier<String> web, Runnable shutdown) {
		this.address = address;
		this.commands = commands;
		this.properties = properties;
		this.processes = processes;
		this.activity = activity;
		this.web = web;
		this.shutdown = shutdown;
		this.sessions.allowCoreThreadTimeOut(true);
	}

	@Override
	public void start() {
		try {
			PrivateDirectory.ensure(this.address.runtime());
			this.lockChannel = AtomicFile.openPrivate(this.address.lockFile());
			this.lock = this.lockChannel.tryLock();
			if (this.lock == null && this.properties.autoStarted()) {
				// started by a client to replace it: this one's settings are valid by now
				this.lock = new Predecessor(this.address, this.processes).replace(this.lockChannel);
			}
			if (this.lock == null) {
				String holder = DaemonState.read(this.address.stateFile()).map(state -> " (pid " + state.pid() + ")").orElse("");
				this.lockChannel.close();
				throw new LocalDbException(Failure.USAGE, "A LocalDB daemon already runs for " + this.address.home()
						+ holder + ". Stop it with 'localdb daemon stop' first.");
			}
			Path socket = this.address.socket();
			if (this.address.shortPath()) {
				PrivateDirectory.ensure(socket.getParent());
			}
			// we hold the lock: a socket file left here is a dead daemon's
			Files.deleteIfExists(socket);
			this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			this.server.bind(UnixDomainSocketAddress.of(socket));
			Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
			this.startedAt = Instant.now();
			refreshState();
		}
		catch (IOException ex) {
			throw LocalDbException.storage("open the daemon's socket", this.address.socket(), ex);
		}
		this.running = true;
		// idleness counts from when clients can reach it, not from when the context began to start
		this.activity.touch();
		try {
			this.reader = new RequestReader(this.server, this::startSession, this.activity::touch);
		}
		catch (IOException ex) {
			throw LocalDbException.storage("listen on the daemon's socket", this.address.socket(), ex);
		}
		Thread acceptor = new Thread(this.reader, "localdb-daemon-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		log.info("LocalDB daemon listening on {} (web: {})", this.address.socket(), this.web.get());
	}

	/**
	 * Writes daemon.properties again: who this daemon is, and its web address as it is now (the
	 * web server may bind its port after the daemon started listening).
	 */
	synchronized void refreshState() throws IOException {
		ProcessIdentity self = this.processes.self();
		new DaemonState(self.pid(), self.start(), this.properties.fingerprint(), this.address.socket().toString(),
				this.web.get(), this.startedAt.toString(), BuildInfo.current().version())
			.write(this.address.stateFile());
	}

	/** Whether clients can still find this daemon: its socket file is there (and not replaced by a link). */
	boolean reachable() {
		return Files.exists(this.address.socket(), LinkOption.NOFOLLOW_LINKS)
				&& !Files.isSymbolicLink(this.address.socket());
	}

	/** The web server bound its port after the daemon started: clients and doctor read the new address. */
	@EventListener
	void webAddressChanged(WebAddressChanged change) {
		if (this.startedAt == null) {
			// bound before this daemon took over its home: start() records the address itself
			return;
		}
		try {
			refreshState();
		}
		catch (IOException ex) {
			log.warn("Cannot record the web address {} in {}: {}", change.url(), this.address.stateFile(), ex.getMessage());
		}
	}

	private boolean startSession(SocketChannel client, Message first) {
		try {
			this.sessions.execute(new ClientSession(client, first, this.commands, this.properties.fingerprint(),
					this.shutdown, this.activity));
			return true;
		}
		catch (RejectedExecutionException ex) {
			log.warn("{} commands run already; a client was told the daemon is busy", MAX_SESSIONS);
			return false;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.reader.close();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			log.debug("Closing the socket: {}", ex.getMessage());
		}
		this.sessions.shutdown();
		try {
			if (!this.sessions.awaitTermination(30, TimeUnit.SECONDS)) {
				log.warn("Commands still under way after 30 s; stopping anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			Files.deleteIfExists(this.address.socket());
			Files.deleteIfExists(this.address.stateFile());
			this.lock.release();
			this.lockChannel.close();
		}
		catch (IOException ex) {
			log.warn("Cleaning up the daemon's files: {}", ex.getMessage());
		}
		log.info("LocalDB daemon stopped");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the web server has started (its port is known), and stopped before it. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
