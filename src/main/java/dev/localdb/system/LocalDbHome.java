package dev.localdb.system;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code localdb.home}: where everything lives (the registry, the project runtime directories,
 * logs and the user's own {@code application.yml}). Its default is decided in {@link #resolve()}
 * and nowhere else.
 *
 * @param home where LocalDB keeps everything; LOCALDB_HOME sets it from the environment
 */
@ConfigurationProperties("localdb")
public record LocalDbHome(Path home) {

	public LocalDbHome {
		if (home == null) {
			throw new IllegalArgumentException(
					"localdb.home is not set: expected a directory, e.g. ~/.localdb (or set LOCALDB_HOME)");
		}
		home = home.toAbsolutePath().normalize();
	}

	/**
	 * The home as the process was asked for it, before Spring starts: {@code -Dlocaldb.home}, then
	 * {@code LOCALDB_HOME}, then {@code ~/.localdb}, where {@code ~} is {@code HOME} as the shell
	 * has it (like other command-line tools), or the account's home when it is unset.
	 */
	public static Path resolve() {
		String configured = System.getProperty("localdb.home", System.getenv("LOCALDB_HOME"));
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		String userHome = System.getenv("HOME");
		if (userHome == null || userHome.isBlank()) {
			userHome = System.getProperty("user.home");
		}
		return Path.of(userHome, ".localdb").toAbsolutePath().normalize();
	}

	/**
	 * Checks the home before Spring starts: logging writes there from the first line, and an
	 * unusable home would otherwise end in a logging-system stack trace instead of a message.
	 * @return the problem with the home directory, or empty when it is usable
	 */
	public static Optional<String> problem(Path home) {
		try {
			Files.createDirectories(home);
			if (!Files.isWritable(home)) {
				return Optional.of(describe(home, "it is not writable"));
			}
			ownerOnly(home.resolve("logs"), "rwx------", true);
			// made before logging starts, so it is never created with a loose umask (000 makes 0666)
			ownerOnly(home.resolve("logs").resolve("localdb.log"), "rw-------", false);
			return Optional.empty();
		}
		catch (IOException | SecurityException ex) {
			return Optional.of(describe(home, "it cannot be created (" + ex + ")"));
		}
	}

	/** Creates the directory or file with these permissions; an existing one loses group and world write. */
	private static void ownerOnly(Path path, String mode, boolean directory) throws IOException {
		boolean posix = Files.getFileStore(home(path)).supportsFileAttributeView("posix");
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && create(path, directory)) {
			if (posix) {
				Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
			}
		}
		else if (posix && !Files.isSymbolicLink(path)) {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
			if (permissions.remove(PosixFilePermission.GROUP_WRITE) | permissions.remove(PosixFilePermission.OTHERS_WRITE)) {
				Files.setPosixFilePermissions(path, permissions);
			}
		}
	}

	/**
	 * @return false when another process made it first: commands started at once on a fresh home
	 * all get here, and only one of them creates it
	 */
	private static boolean create(Path path, boolean directory) throws IOException {
		try {
			if (directory) {
				Files.createDirectory(path);
			}
			else {
				Files.createFile(path);
			}
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
	}

	private static Path home(Path path) {
		return path.toAbsolutePath().getParent();
	}

	private static String describe(Path home, String why) {
		return "LocalDB cannot use " + home + " as its home: " + why
				+ ". Check that LOCALDB_HOME points to a directory you can write.";
	}

}
