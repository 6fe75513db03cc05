package dev.localdb.os;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A directory only its owner may change: LocalDB's runtime tree. Made with mode 0700; when it is
 * already there it must be a real directory (a symbolic link is never followed: a planted link
 * would make LocalDB write wherever it points), owned by the user LocalDB runs as, and writable by
 * nobody else (a group- or world-writable one is tightened to 0700, and the caller is told).
 */
public final class PrivateDirectory {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
			PosixFilePermission.OTHERS_WRITE);

	private PrivateDirectory() {
	}

	/**
	 * @return true when the directory existed with looser permissions and was tightened to 0700
	 * @throws UnsafeFileException when it is a link, not a directory, or another user's
	 */
	public static boolean ensure(Path dir) throws IOException {
		if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
			Path parent = dir.toAbsolutePath().getParent();
			if (parent != null && !Files.isDirectory(parent)) {
				Files.createDirectories(parent);
			}
			try {
				Files.createDirectory(dir);
			}
			catch (FileAlreadyExistsException ex) {
				// made by another process meanwhile: checked below like any existing one
				return check(dir);
			}
			if (posix(dir)) {
				Files.setPosixFilePermissions(dir, OWNER_ONLY);
			}
			return false;
		}
		return check(dir);
	}

	private static boolean check(Path dir) throws IOException {
		if (Files.isSymbolicLink(dir)) {
			throw new UnsafeFileException(dir + " is a symbolic link; LocalDB never follows links in its runtime "
					+ "directory. Remove the link (LocalDB makes the directory itself).");
		}
		if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
			throw new UnsafeFileException(dir + " is not a directory. Move it away; LocalDB makes the directory itself.");
		}
		if (!posix(dir)) {
			return false;
		}
		Optional<Integer> me = uid(Path.of("/proc/self"));
		Optional<Integer> owner = uid(dir);
		if (me.isPresent() && owner.isPresent() && !me.get().equals(owner.get())) {
			throw new UnsafeFileException(dir + " belongs to user " + owner.get() + ", not to you (" + me.get()
					+ "). Use a LOCALDB_HOME of your own.");
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
		if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
			Files.setPosixFilePermissions(dir, OWNER_ONLY);
			return true;
		}
		return false;
	}

	/** Refuses a file that is a symbolic link (a missing one is fine: it will be made). */
	public static void requireNoLink(Path file) throws UnsafeFileException {
		if (Files.isSymbolicLink(file)) {
			throw new UnsafeFileException(file + " is a symbolic link; LocalDB never follows links in its runtime "
					+ "directory. Remove it.");
		}
	}

	private static boolean posix(Path dir) throws IOException {
		return Files.getFileStore(dir).supportsFileAttributeView("posix");
	}

	private static Optional<Integer> uid(Path path) {
		try {
			return Optional.of((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException ex) {
			return Optional.empty();
		}
	}

	/** A file or directory LocalDB refuses to use: a link, another user's, or not what it should be. */
	public static final class UnsafeFileException extends IOException {

		UnsafeFileException(String message) {
			super(message);
		}

		/** The message alone: it is the whole story, and it is shown to users. */
		@Override
		public String toString() {
			return getMessage();
		}

	}

}
