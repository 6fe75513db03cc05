package dev.localdb.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that other processes read are only ever replaced whole. A write goes to a temp file in
 * the same directory (mode 0600), is fsynced, renamed over the target atomically, and the
 * directory is fsynced so the rename itself survives a crash. A reader sees the old file or the
 * new one, never half of either. (The seed's plain {@code writeFileSync} can leave a truncated
 * file behind when the writer dies mid-write.)
 */
public final class AtomicFile {

	private static final String TEMP_MARK = ".tmp-";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private AtomicFile() {
	}

	public static void write(Path target, byte[] content) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Path temp = dir.resolve(target.getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-"
				+ Long.toHexString(ThreadLocalRandom.current().nextLong()));
		try {
			try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE), ownerOnly(dir))) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new IOException("The file system of " + dir + " cannot rename atomically", ex);
			}
			syncDirectory(dir);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** The whole file, or empty when it is missing; a symbolic link is refused, never followed. */
	public static Optional<byte[]> read(Path file) throws IOException {
		try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
				LinkOption.NOFOLLOW_LINKS)) {
			return Optional.of(Channels.newInputStream(channel).readAllBytes());
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (FileSystemException ex) {
			PrivateDirectory.requireNoLink(file);
			throw ex;
		}
	}

	/** Deletes the file and makes the deletion durable; false when it was not there. */
	public static boolean delete(Path file) throws IOException {
		boolean deleted = Files.deleteIfExists(file);
		if (deleted) {
			syncDirectory(file.toAbsolutePath().getParent());
		}
		return deleted;
	}

	/**
	 * Moves a file aside under a new name in the same directory, keeping it for inspection.
	 * @return the new path
	 */
	public static Path moveAside(Path file, String suffix) throws IOException {
		Path aside = file.resolveSibling(file.getFileName() + suffix);
		for (int i = 1; Files.exists(aside); i++) {
			aside = file.resolveSibling(file.getFileName() + suffix + "-" + i);
		}
		try {
			Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException ex) {
			throw new IOException("Cannot move " + file + " aside: " + aside + " appeared meanwhile", ex);
		}
		syncDirectory(file.toAbsolutePath().getParent());
		return aside;
	}

	/**
	 * Removes temp files that a writer killed mid-write left next to {@code target}. Callers hold
	 * the lock that all writers of {@code target} hold, so no temp file is still being written.
	 * @return how many were removed
	 */
	public static int removeStrayTempFiles(Path target) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		if (!Files.isDirectory(dir)) {
			return 0;
		}
		int removed = 0;
		try (DirectoryStream<Path> stray = Files.newDirectoryStream(dir, target.getFileName() + TEMP_MARK + "*")) {
			for (Path temp : stray) {
				if (Files.deleteIfExists(temp)) {
					removed++;
				}
			}
		}
		return removed;
	}

	/**
	 * Opens the file for writing, creating it with mode 0600 if it does not exist. A symbolic link
	 * is refused (O_NOFOLLOW), never followed: a planted link would point the write elsewhere.
	 */
	public static FileChannel openPrivate(Path file) throws IOException {
		PrivateDirectory.requireNoLink(file);
		return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS), ownerOnly(file.toAbsolutePath().getParent()));
	}

	private static FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
		if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
			return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) };
		}
		return new FileAttribute<?>[0];
	}

	private static void syncDirectory(Path dir) throws IOException {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some platforms cannot open a directory for fsync; the rename is still atomic there.
			if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
				throw ex;
			}
		}
	}

}
