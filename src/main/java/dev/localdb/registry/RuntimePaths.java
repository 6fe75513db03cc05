package dev.localdb.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.os.PrivateDirectory;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Where LocalDB keeps its state under {@code LOCALDB_HOME}: the registry, its lock, and one
 * {@code runtime/<project>/.studio} directory per project. Paths for projects are built only
 * from validated {@link ProjectName}s, so nothing is ever created outside {@code runtime}.
 */
public final class RuntimePaths {

	private static final Logger log = LoggerFactory.getLogger(RuntimePaths.class);

	private final Path home;

	private final Path runtime;

	private volatile boolean runtimeChecked;

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

	/**
	 * {@code runtime/<project>/.studio}. None of its levels may be a symbolic link: a planted link
	 * would put server.json, server.log and the project's lock wherever it points.
	 */
	public Path studioDir(ProjectName project) {
		Path projectDir = this.runtime.resolve(project.value());
		Path dir = projectDir.resolve(".studio").normalize();
		if (!dir.startsWith(this.runtime)) {
			// ProjectName forbids this; the check keeps the promise even if the rule is relaxed.
			throw new IllegalStateException("Project path escapes the runtime directory: " + dir);
		}
		for (Path level : List.of(this.runtime, projectDir, dir)) {
			try {
				PrivateDirectory.requireNoLink(level);
			}
			catch (PrivateDirectory.UnsafeFileException ex) {
				throw unsafe(ex);
			}
		}
		return dir;
	}

	public Path serverJson(ProjectName project) {
		return studioDir(project).resolve("server.json");
	}

	public Path serverLog(ProjectName project) {
		return studioDir(project).resolve("server.log");
	}

	/** An instance's server.json: {@code server.json} for the first, {@code server-2.json} for the second. */
	public Path serverJson(PortKey instance) {
		return studioDir(instance.project()).resolve(instanceFile("server", instance, ".json"));
	}

	/** An instance's log, beside the first's: {@code server-2.log}. */
	public Path serverLog(PortKey instance) {
		return studioDir(instance.project()).resolve(instanceFile("server", instance, ".log"));
	}

	/** {@code <base><ext>} for the first instance, {@code <base>-N<ext>} for instance N. */
	static String instanceFile(String base, PortKey instance, String extension) {
		if (instance.port() != null) {
			throw new IllegalArgumentException(instance + " is a named port, not a server");
		}
		return base + (instance.instance() > 1 ? "-" + instance.instance() : "") + extension;
	}

	/**
	 * Creates the runtime directory (mode 0700) if it is missing, or checks the one there: not a
	 * link, the user's own, writable by nobody else (tightened to 0700 when it was, with a warning).
	 */
	public Path ensureRuntime() {
		// the full check (owner, mode) once per process; then one lstat says it is still a directory,
		// not a link: this runs on every registry read, and the daemon reads on every request
		if (this.runtimeChecked && Files.isDirectory(this.runtime, LinkOption.NOFOLLOW_LINKS)) {
			return this.runtime;
		}
		ensurePrivateDir(this.runtime);
		this.runtimeChecked = true;
		return this.runtime;
	}

	/** Creates {@code runtime/<project>/.studio} (each level mode 0700, checked alike) if it is missing. */
	public Path ensureStudioDir(ProjectName project) {
		ensureRuntime();
		ensurePrivateDir(this.runtime.resolve(project.value()));
		return ensurePrivateDir(studioDir(project));
	}

	private static Path ensurePrivateDir(Path dir) {
		try {
			if (PrivateDirectory.ensure(dir)) {
				log.warn("{} was writable by other users; it is now mode 0700 (owner only).", dir);
			}
			return dir;
		}
		catch (PrivateDirectory.UnsafeFileException ex) {
			throw unsafe(ex);
		}
		catch (IOException ex) {
			throw LocalDbException.storage("create", dir, ex);
		}
	}

	private static LocalDbException unsafe(PrivateDirectory.UnsafeFileException ex) {
		return new LocalDbException(Failure.STORAGE, ex.getMessage(), ex);
	}

}
