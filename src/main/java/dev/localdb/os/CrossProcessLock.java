package dev.localdb.os;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock for every process and every thread that changes shared state. Two layers, because a
 * JVM cannot hold two overlapping {@link FileLock}s on one file: a {@link ReentrantLock} per lock
 * file (shared by every instance in this JVM) orders the threads, then {@link FileChannel#lock()}
 * orders the processes. The lock file is never renamed or deleted, so every process always locks
 * the same inode; the kernel drops the lock when its holder dies, even on {@code kill -9}.
 */
public final class CrossProcessLock {

	private static final ConcurrentMap<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

	private final Path lockFile;

	private final ReentrantLock local;

	private FileChannel channel;

	private FileLock fileLock;

	public CrossProcessLock(Path lockFile) {
		this.lockFile = lockFile.toAbsolutePath().normalize();
		this.local = LOCAL_LOCKS.computeIfAbsent(this.lockFile, path -> new ReentrantLock());
	}

	public <T> T call(IoAction<T> action) throws IOException {
		this.local.lock();
		try {
			boolean outermost = this.local.getHoldCount() == 1;
			if (outermost) {
				acquireFileLock();
			}
			try {
				return action.run();
			}
			finally {
				if (outermost) {
					releaseFileLock();
				}
			}
		}
		finally {
			this.local.unlock();
		}
	}

	private void acquireFileLock() throws IOException {
		// The channel lives in the shared holder state only while the local lock is held.
		FileChannel opened = AtomicFile.openPrivate(this.lockFile);
		try {
			this.fileLock = opened.lock();
			this.channel = opened;
		}
		catch (IOException | RuntimeException ex) {
			opened.close();
			throw ex;
		}
	}

	private void releaseFileLock() throws IOException {
		try {
			this.fileLock.release();
		}
		finally {
			this.channel.close();
			this.fileLock = null;
			this.channel = null;
		}
	}

	@FunctionalInterface
	public interface IoAction<T> {

		T run() throws IOException;

	}

}
