package dev.localdb.project;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.localdb.os.AtomicFile;
import dev.localdb.studio.StudioServer;

/**
 * The command line that runs {@link StudioServer}: the same {@code java} LocalDB runs on, and a
 * class path holding just the Studio class. When LocalDB runs from a jar the class is copied once
 * to {@code $LOCALDB_HOME/studio/<content-hash>/}: running it from the jar (through Spring Boot's
 * launcher, or a manifest class path) would cost each of the dozens of servers a user runs 4-6 MB
 * more. Studio needs nothing but the JDK.
 */
final class StudioCommand {

	private static final String CLASS_FILE = StudioServer.class.getName().replace('.', '/') + ".class";

	private StudioCommand() {
	}

	static List<String> build(List<String> jvmOptions, Path cacheRoot) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classPath(cacheRoot).toString());
		command.add(StudioServer.class.getName());
		return command;
	}

	private static Path classPath(Path cacheRoot) {
		URL location = StudioServer.class.getProtectionDomain().getCodeSource().getLocation();
		if ("file".equals(location.getProtocol())) {
			try {
				Path classes = Path.of(new URI(location.toString()));
				if (Files.isDirectory(classes)) {
					return classes;
				}
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				throw new IllegalStateException("Cannot locate LocalDB's classes at " + location, ex);
			}
		}
		// a jar (executable or extracted) would make the JVM open it and every jar its manifest names
		return copyStudioClass(cacheRoot);
	}

	private static Path copyStudioClass(Path cacheRoot) {
		try (InputStream in = StudioServer.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
			if (in == null) {
				throw new IllegalStateException(CLASS_FILE + " is missing from LocalDB's jar");
			}
			byte[] bytes = in.readAllBytes();
			// One directory per content, so a new LocalDB version never runs an old Studio.
			Path dir = cacheRoot.resolve(Integer.toHexString(Arrays.hashCode(bytes)));
			Path target = dir.resolve(CLASS_FILE);
			if (!Files.exists(target)) {
				Files.createDirectories(target.getParent());
				AtomicFile.write(target, bytes);
			}
			return dir;
		}
		catch (IOException ex) {
			throw new ServerStartFailedException("Cannot prepare LocalDB Studio in " + cacheRoot + ": " + ex.getMessage(),
					ex);
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
