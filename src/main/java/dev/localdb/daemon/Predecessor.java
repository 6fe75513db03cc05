package dev.localdb.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.os.ProcessTable;
import dev.localdb.wire.Connection;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.DaemonState;
import dev.localdb.wire.Message;

/**
 * The daemon a new one replaces. The new one asks it to stop only once its own settings proved
 * valid (its Spring context is up), then waits for {@code daemon.lock}. One that does not answer
 * (stopped, wedged, a build that speaks another protocol) gets SIGTERM, then SIGKILL: only the
 * daemon process, never the project servers it started.
 */
final class Predecessor {

	private static final Logger log = LoggerFactory.getLogger(Predecessor.class);

	private static final Duration ANSWER = Duration.ofSeconds(10);

	/** Commands under way in the old daemon finish first (it gives them 30 s). */
	private static final Duration GRACE = Duration.ofSeconds(40);

	private final DaemonAddress address;

	private final ProcessTable processes;

	Predecessor(DaemonAddress address, ProcessTable processes) {
		this.address = address;
		this.processes = processes;
	}

	/** @return the daemon lock, once the old daemon let it go */
	FileLock replace(FileChannel lockChannel) throws IOException {
		Optional<DaemonState> old = DaemonState.read(this.address.stateFile());
		log.info("Replacing the running daemon{}", old.map(state -> " (pid " + state.pid() + ")").orElse(""));
		boolean asked = askToStop();
		FileLock lock = awaitLock(lockChannel, asked ? GRACE : Duration.ZERO);
		if (lock == null && old.isPresent() && this.processes.isRunning(old.get().identity())) {
			ProcessHandle.of(old.get().pid()).ifPresent(ProcessHandle::destroy);
			lock = awaitLock(lockChannel, Duration.ofSeconds(10));
			if (lock == null) {
				ProcessHandle.of(old.get().pid()).ifPresent(ProcessHandle::destroyForcibly);
			}
		}
		if (lock == null) {
			lock = awaitLock(lockChannel, Duration.ofSeconds(10));
		}
		return lock;
	}

	private boolean askToStop() {
		try (Connection connection = Connection.open(this.address.socket(), ANSWER).orElse(null)) {
			if (connection == null) {
				return false;
			}
			connection.send(new Message.Shutdown(), ANSWER);
			return connection.receive(ANSWER) instanceof Message.Exit;
		}
		catch (IOException ex) {
			log.info("The running daemon did not take a stop request: {}", ex.getMessage());
			return false;
		}
	}

	private static FileLock awaitLock(FileChannel lockChannel, Duration patience) throws IOException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			FileLock lock = lockChannel.tryLock();
			if (lock != null || System.nanoTime() > deadline) {
				return lock;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
	}

}
