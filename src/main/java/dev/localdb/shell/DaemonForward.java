package dev.localdb.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.wire.Connection;
import dev.localdb.wire.DaemonAddress;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Message;

/**
 * A command only the daemon can run ({@code share}, whose tunnel outlives the command), typed in an
 * interactive shell that has a daemon: sent to that daemon as the client sends a command, its
 * output shown here, Ctrl-C passed on.
 */
final class DaemonForward {

	/** The daemon beats every few seconds while a command runs; this much silence means it is gone. */
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private DaemonForward() {
	}

	/** @return the command's exit status in the daemon */
	static int run(Path home, List<String> words, Invocation invocation, PrintWriter out) {
		String retry = "run 'localdb " + String.join(" ", words) + "' from your terminal instead.";
		try (Connection connection = Connection.open(DaemonAddress.of(home).socket(), Duration.ofSeconds(5))
			.orElseThrow(() -> new LocalDbException(Failure.USAGE, "The LocalDB daemon of this shell is gone: " + retry))) {
			connection.send(new Message.Request(Fingerprint.of(home).toString(), invocation.directory().toString(), words,
					invocation.environment(), invocation.stderrTerminal()), PATIENCE);
			Thread cancels = new Thread(() -> passCancel(connection, invocation), "localdb-forward-cancel");
			cancels.setDaemon(true);
			cancels.start();
			try {
				while (true) {
					Message answer = connection.receive(PATIENCE);
					if (answer instanceof Message.Output output) {
						PrintWriter to = output.stream() == Message.Stream.STDOUT ? out : invocation.err();
						to.print(new String(output.bytes(), StandardCharsets.UTF_8));
						to.flush();
					}
					else if (answer instanceof Message.Exit exit) {
						return exit.status();
					}
					else if (!(answer instanceof Message.Heartbeat)) {
						throw new LocalDbException(Failure.USAGE, "The LocalDB daemon did not run it ("
								+ answer.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "): " + retry);
					}
				}
			}
			finally {
				cancels.interrupt();
			}
		}
		catch (IOException ex) {
			throw new LocalDbException(Failure.USAGE, "Lost the LocalDB daemon (" + ex.getMessage() + "): " + retry, ex);
		}
	}

	private static void passCancel(Connection connection, Invocation invocation) {
		try {
			while (!invocation.isCancelled()) {
				Thread.sleep(100);
			}
			connection.signal(new Message.Cancel());
		}
		catch (InterruptedException | IOException ex) {
			// the command ended first
		}
	}

}
