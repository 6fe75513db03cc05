package dev.localdb.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.localdb.system.LocalDbException;

/**
 * Where LocalDB keeps its state under {@code LOCALDB_HOME}: the registry, its lock, and one
 * {@code runtime/<project>/.studio} directory per project. Paths for projects are built only
 * from validated {@link ProjectName}s, so nothing is ever created outside {@code runtime}.
 */
public final class RuntimePaths {

	private final Path home;

	private final Path runtime;

	public RuntimePaths(Path home) {
		this.home = home.toAbsolutePath().normalize();
		this.runtime = this.home.resolve("runtime");
	}

	public Path home() {
		return this.home;
	}

	public Path runtime() {
		return this.runtime;
	}

	public Path registryFile() {
		return this.runtime.resolve(".port-registry.json");
	}

	public Path lockFile() {
		return this.runtime.resolve(".port-registry.lock");
	}

	public Path studioDir(ProjectName project) {
		Path dir = this.runtime.resolve(project.value()).resolve(".studio").normalize();
		if (!dir.startsWith(this.runtime)) {
			// ProjectName forbids this; the check keeps the promise even if the rule is relaxed.
			throw new IllegalStateException("Project path escapes the runtime directory: " + dir);
		}
		return dir;
	}

	public Path serverJson(ProjectName project) {
		return studioDir(project).resolve("server.json");
	}

	public Path serverLog(ProjectName project) {
		return studioDir(project).resolve("server.log");
	}

	/** Creates the runtime directory (mode 0700) if it is missing. */
	public Path ensureRuntime() {
		return ensurePrivateDir(this.runtime);
	}

	/** Creates {@code runtime/<project>/.studio} (each level mode 0700) if it is missing. */
	public Path ensureStudioDir(ProjectName project) {
		ensureRuntime();
		ensurePrivateDir(this.runtime.resolve(project.value()));
		return ensurePrivateDir(studioDir(project));
	}

	private static Path ensurePrivateDir(Path dir) {
		if (Files.isDirectory(dir)) {
			return dir;
		}
		try {
			Files.createDirectories(dir);
			if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
			}
			return dir;
		}
		catch (IOException ex) {
			throw LocalDbException.storage("create", dir, ex);
		}
	}

}
