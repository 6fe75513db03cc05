package dev.localdb.wire;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where the daemon of one {@code LOCALDB_HOME} is found: its socket, the file where it says who it
 * is, the lock it holds while it runs, and the lock clients take to start one. The socket lives
 * in the runtime directory (0700); a Unix socket path is limited to about 107 bytes, so a deep
 * home gets a short one under {@code /tmp/localdb-<uid>/} (0700 too), named after the home.
 */
public record DaemonAddress(Path home, Path socket, boolean shortPath) {

	/** sun_path is 108 bytes with its terminating NUL; keep a margin. */
	static final int MAX_SOCKET_PATH = 100;

	public static DaemonAddress of(Path home) {
		Path absolute = home.toAbsolutePath().normalize();
		Path socket = absolute.resolve("runtime").resolve("daemon.sock");
		if (socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
			return new DaemonAddress(absolute, socket, false);
		}
		Path shortSocket = Path.of("/tmp", "localdb-" + uid()).resolve(Fingerprint.digest(absolute.toString()) + ".sock");
		return new DaemonAddress(absolute, shortSocket, true);
	}

	public Path runtime() {
		return this.home.resolve("runtime");
	}

	/** Who the running daemon is (pid, build, settings, web address); written by the daemon. */
	public Path stateFile() {
		return runtime().resolve("daemon.properties");
	}

	/** Held by the running daemon for its whole life: one daemon per home. */
	public Path lockFile() {
		return runtime().resolve("daemon.lock");
	}

	/** Held by a client while it starts a daemon: two clients start one. */
	public Path startLockFile() {
		return runtime().resolve("daemon-start.lock");
	}

	public Path logFile() {
		return this.home.resolve("logs").resolve("daemon.log");
	}

	private static String uid() {
		try {
			return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
		}
		catch (Exception ex) {
			return System.getProperty("user.name", "user");
		}
	}

}
