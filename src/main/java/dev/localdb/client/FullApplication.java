package dev.localdb.client;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.localdb.system.Failure;
import dev.localdb.wire.Launch;

/**
 * The Spring application, for the runs that need it here (the shell, {@code serve},
 * {@code --no-daemon}): in this process when it is on the class path ({@code java -jar}), else
 * in a JVM started from the full jar that ./localdb names, which this process waits for (the slim
 * client's class path has no Spring).
 */
final class FullApplication {

	private static final String MAIN = "dev.localdb.LocalDbApplication";

	private FullApplication() {
	}

	static int run(Launch launch) {
		String[] args = launch.args().toArray(String[]::new);
		Method main;
		try {
			main = Class.forName(MAIN).getMethod("main", String[].class);
		}
		catch (ClassNotFoundException | NoSuchMethodException ex) {
			return exec(launch);
		}
		try {
			main.invoke(null, (Object) args);
			return 0;
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Stops the application with this process, and lets it finish as it does on SIGTERM. */
	private static final class Forward implements Runnable {

		private final Process application;

		Forward(Process application) {
			this.application = application;
		}

		@Override
		public void run() {
			this.application.destroy();
			try {
				this.application.waitFor(40, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private static int exec(Launch launch) {
		String jar = System.getProperty(Launch.LAUNCH_PREFIX + "jar");
		if (jar == null) {
			System.err.println("Error: this client has no LocalDB application to run '" + String.join(" ", launch.args())
					+ "' with. Run ./localdb, or java -jar target/localdb.jar.");
			return Failure.INTERNAL.exitCode();
		}
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		String options = System.getenv("JAVA_OPTS");
		if (options != null && !options.isBlank()) {
			command.addAll(List.of(options.trim().split("\\s+")));
		}
		String archive = System.getProperty(Launch.LAUNCH_PREFIX + "archive", "");
		if (archive.endsWith(".aot")) {
			command.add("-XX:AOTCache=" + archive);
		}
		else if (!archive.isEmpty()) {
			command.add("-XX:SharedArchiveFile=" + archive);
			command.add("-Xshare:auto");
		}
		command.add("-XX:TieredStopAtLevel=1");
		// the jar's Enable-Native-Access, which -cp does not read: JLine's native terminal code
		// loads without a warning on JDK 22+ (JDK 17 accepts the option too)
		command.add("--enable-native-access=ALL-UNNAMED");
		command.add("-D" + Launch.LAUNCH_PREFIX + "jar=" + jar);
		command.add("-D" + Launch.LAUNCH_PREFIX + "archive=" + archive);
		if (Boolean.getBoolean(Launch.WITH_DAEMON)) {
			command.add("-D" + Launch.WITH_DAEMON + "=true");
		}
		// its main class, not the jar's (this client): the decision is made, the application runs
		command.add("-cp");
		command.add(jar);
		command.add(MAIN);
		command.addAll(launch.args());
		// Ctrl-C reaches the application too (one process group); it decides what a Ctrl-C means
		Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
		try {
			Process application = new ProcessBuilder(command).inheritIO().start();
			// SIGTERM to this process (systemd, docker stop) is the application's too
			Runtime.getRuntime().addShutdownHook(new Thread(new Forward(application), "localdb-forward-stop"));
			return application.waitFor();
		}
		catch (IOException ex) {
			System.err.println("Error: cannot start " + command.get(0) + ": " + ex.getMessage());
			return Failure.INTERNAL.exitCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Failure.CANCELLED.exitCode();
		}
	}

}
