package dev.localdb.client;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Launch;

/**
 * The command line of a daemon for this client: the same Java and the same code, the client's
 * settings as {@code -D} options, JVM options for a small long-lived service, and {@code serve}.
 */
final class DaemonCommand {

	/**
	 * A small, long-lived service: a bounded heap that gives memory back, one GC thread, C1 only (C2
	 * costs 35 MB and, on 2 cores, throughput while it compiles). It starts with 48 MB of heap, not
	 * its 16 MB floor: growing from 16 MB through Spring's start-up cost about a second of
	 * collections and resizing, for 2 MB more resident. At most 128 MB: the proxy in front of the web
	 * port holds buffers for every connection under load, and 64 MB once ran out under wrk; the
	 * heap gives back what a burst took (MaxHeapFreeRatio), so the ceiling costs nothing idle.
	 */
	private static final List<String> SERVICE_OPTIONS = List.of("-Xms16m", "-XX:InitialHeapSize=48m", "-Xmx128m",
			// an 8 MB young generation: 6-7 MB less resident than the default third of the heap, with
			// no start-up or throughput lost (collections of short-lived request garbage stay short)
			"-Xmn8m", "-Xss512k",
			"-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1",
			"-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=128m", "-XX:CompressedClassSpaceSize=32m",
			"-XX:-UsePerfData",
			// an OutOfMemoryError anywhere must not leave a half-dead daemon: the next command starts a healthy one
			"-XX:+ExitOnOutOfMemoryError");

	private DaemonCommand() {
	}

	/**
	 * glibc keeps what a burst of requests took from the native heap (threads' buffers, the
	 * compiler's arenas): the JVM gives it back every 10 s where it can (17.0.9+, 21.0.1+, 22+),
	 * 8-10 MB after a load burst. An older JVM would refuse the option and not start.
	 */
	static List<String> nativeHeapTrim(Runtime.Version version) {
		int feature = version.feature();
		boolean supported = feature >= 22 || (feature == 21 && version.update() >= 1)
				|| (feature == 17 && version.update() >= 9);
		return supported ? List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=10000") : List.of();
	}

	private static String absolute(String classPath) {
		List<String> entries = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * The archive the {@code localdb} script trained on a daemon's start-up (daemon.jsa or daemon.aot
	 * beside the commands' archive), else the commands' one: the daemon loads Tomcat, the actuator
	 * and Spring MVC, which a command's run never does, and starts about a third faster with them
	 * archived.
	 */
	static String daemonArchive(String archive) {
		if (archive.isEmpty()) {
			return archive;
		}
		Path commands = Path.of(archive);
		String name = commands.getFileName().toString();
		Path daemon = commands.resolveSibling("daemon" + name.substring(Math.max(name.lastIndexOf('.'), 0)));
		return Files.isRegularFile(daemon) ? daemon.toString() : archive;
	}

	static List<String> of(String fingerprint, Path home) {
		return of(fingerprint, home, true);
	}

	/** A daemon the user's service manager runs: it does not exit when idle, as one a client started does. */
	static List<String> service(String fingerprint, Path home) {
		return of(fingerprint, home, false);
	}

	private static List<String> of(String fingerprint, Path home, boolean autoStarted) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(SERVICE_OPTIONS);
		command.addAll(nativeHeapTrim(Runtime.version()));
		String jar = System.getProperty(Launch.LAUNCH_PREFIX + "jar");
		String archive = daemonArchive(System.getProperty(Launch.LAUNCH_PREFIX + "archive", ""));
		if (archive.endsWith(".aot")) {
			command.add("-XX:AOTCache=" + archive);
		}
		else if (!archive.isEmpty()) {
			command.add("-XX:SharedArchiveFile=" + archive);
			command.add("-Xshare:auto");
		}
		Fingerprint.settingsProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add("-Dlocaldb.home=" + home);
		command.add("-Dlocaldb.daemon.fingerprint=" + fingerprint);
		if (autoStarted) {
			command.add("-Dlocaldb.daemon.auto-started=true");
		}
		String launched = jar != null ? jar : System.getProperty("sun.java.command", "").split(" ", 2)[0];
		// absolute: the daemon runs in LOCALDB_HOME, not in the directory the client was started in
		if (launched.endsWith(".jar")) {
			command.add("-jar");
			command.add(Path.of(launched).toAbsolutePath().toString());
		}
		else {
			command.add("-cp");
			command.add(absolute(System.getProperty("java.class.path")));
			command.add(LocalDbClient.class.getName());
		}
		command.add("serve");
		return command;
	}

}
