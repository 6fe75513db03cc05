package dev.localdb.client;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a daemon for this client: the same Java and the same code, the client's
 * settings as {@code -D} options, JVM options for a small long-lived service, and {@code serve}.
 */
final class DaemonCommand {

	/** A small, long-lived service: a bounded heap, one GC thread, no optimising compiler. */
	private static final List<String> SERVICE_OPTIONS = List.of("-Xms16m", "-Xmx96m", "-Xss512k",
			"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
			"-XX:MaxMetaspaceSize=128m", "-XX:CompressedClassSpaceSize=32m", "-XX:-UsePerfData");

	private DaemonCommand() {
	}

	static List<String> of(String fingerprint, Path home) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(SERVICE_OPTIONS);
		// the class-data-sharing archive or AOT cache this client was given (./localdb's fast start-up)
		ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter(option -> option.startsWith("-XX:SharedArchiveFile=") || option.startsWith("-XX:AOTCache=")
					|| option.startsWith("-Xshare"))
			.forEach(command::add);
		Fingerprint.settingsProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add("-Dlocaldb.home=" + home);
		command.add("-Dlocaldb.daemon.fingerprint=" + fingerprint);
		command.add("-Dlocaldb.daemon.auto-started=true");
		String launched = System.getProperty("sun.java.command", "").split(" ", 2)[0];
		if (launched.endsWith(".jar")) {
			command.add("-jar");
			command.add(launched);
		}
		else {
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(LocalDbClient.class.getName());
		}
		command.add("serve");
		return command;
	}

}
