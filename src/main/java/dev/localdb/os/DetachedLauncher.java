package dev.localdb.os;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a server process that outlives the command that started it: in its own session
 * ({@code setsid}, so closing the terminal sends it no SIGHUP), stdin from {@code /dev/null}, stdout
 * and stderr appended to a log file. {@code setsid} without {@code -f} execs in place, so the pid
 * we get is the server's.
 */
public final class DetachedLauncher {

	private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

	private static final File DEV_NULL = new File("/dev/null");

	private final Path setsid;

	public DetachedLauncher() {
		this.setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElse(null);
	}

	/** True when launched processes lead a session of their own (setsid is there). */
	public boolean detaches() {
		return this.setsid != null;
	}

	/**
	 * @param base the environment the process starts from (the user's), or null for this process's
	 * @param environment added to it
	 */
	public Process launch(List<String> command, Map<String, String> base, Map<String, String> environment,
			Path workingDir, Path log) throws IOException {
		AtomicFile.openPrivate(log).close();
		List<String> full = new ArrayList<>();
		if (this.setsid != null) {
			full.add(this.setsid.toString());
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).directory(workingDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		if (DEV_NULL.exists()) {
			builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
		}
		if (base != null) {
			builder.environment().clear();
			builder.environment().putAll(base);
		}
		builder.environment().putAll(environment);
		return builder.start();
	}

}
