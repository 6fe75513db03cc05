package dev.localdb.wire;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code daemon status | stop | restart} as the shell and {@code --no-daemon} run it: implemented by
 * the client (a stopped daemon cannot answer for itself), handed to the shell by the application,
 * so that no feature package depends on the client.
 */
@FunctionalInterface
public interface DaemonLifecycle {

	/** @return the exit status */
	int control(Path home, List<String> words, PrintStream out, PrintStream err);

}
