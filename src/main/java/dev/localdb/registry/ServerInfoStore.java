package dev.localdb.registry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.os.AtomicFile;
import dev.localdb.system.LocalDbException;

/** The {@code runtime/<project>/.studio/server.json} files, read strictly and written atomically. */
public class ServerInfoStore {

	private static final Logger log = LoggerFactory.getLogger(ServerInfoStore.class);

	private static final String REMEMBERED = "project.json";

	private static final String HEALTH = "health.json";

	private static final String EXIT = "exit.json";

	private static final String ENVIRONMENT = "env.json";

	private final RuntimePaths paths;

	/** Corrupt files already reported by this process: one warning each, not one per read. */
	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	public ServerInfoStore(RuntimePaths paths) {
		this.paths = paths;
	}

	/** The project's server.json; empty when missing or corrupt (a corrupt one is reported once). */
	public Optional<ServerInfo> read(ProjectName project) {
		return readState(project, this.paths.serverJson(project), ServerInfo.class);
	}

	public void write(ProjectName project, ServerInfo info) {
		writeState(project, this.paths.serverJson(project), info);
	}

	/** What LocalDB remembers of the project (project.json); empty when nothing, or when it is corrupt. */
	public Optional<RememberedProject> remembered(ProjectName project) {
		return readState(project, this.paths.studioDir(project).resolve(REMEMBERED), RememberedProject.class);
	}

	/** The project's last health check (health.json), if the daemon has checked it. */
	public Optional<HealthRecord> health(ProjectName project) {
		return readState(project, this.paths.studioDir(project).resolve(HEALTH), HealthRecord.class);
	}

	public void recordHealth(ProjectName project, HealthRecord health) {
		writeState(project, this.paths.studioDir(project).resolve(HEALTH), health);
	}

	/** How the project's last run ended, when the process that launched it saw it. */
	public Optional<ExitRecord> lastExit(ProjectName project) {
		return readState(project, this.paths.studioDir(project).resolve(EXIT), ExitRecord.class);
	}

	public void recordExit(ProjectName project, ExitRecord exit) {
		writeState(project, this.paths.studioDir(project).resolve(EXIT), exit);
	}

	/** Records what the project was last started with; replaced whole, atomically. */
	public void remember(ProjectName project, RememberedProject remembered) {
		writeState(project, this.paths.studioDir(project).resolve(REMEMBERED), remembered);
	}

	/** The environment the project's server gets (env.json), if one was remembered. */
	public Optional<RememberedProject.Environment> environment(ProjectName project) {
		return readState(project, this.paths.studioDir(project).resolve(ENVIRONMENT), RememberedProject.Environment.class);
	}

	/** Replaced whole, atomically: a new file of mode 0600 renamed over the old (or over a link, never through it). */
	public void rememberEnvironment(ProjectName project, RememberedProject.Environment environment) {
		writeState(project, this.paths.studioDir(project).resolve(ENVIRONMENT), environment);
	}

	private <T> Optional<T> readState(ProjectName project, Path file, Class<T> type) {
		try {
			return AtomicFile.read(file).map(content -> StateJson.read(content, type, file.getFileName().toString()));
		}
		catch (CorruptFileException ex) {
			if (this.reported.add(project + "\n" + ex.getMessage())) {
				log.warn("Ignoring {}: {}", file, ex.getMessage());
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			throw LocalDbException.storage("read", file, ex);
		}
	}

	private void writeState(ProjectName project, Path file, Object state) {
		try {
			this.paths.ensureStudioDir(project);
			AtomicFile.write(file, StateJson.write(state));
		}
		catch (IOException ex) {
			throw LocalDbException.storage("write", file, ex);
		}
	}

	/** Why the project's server.json cannot be read, when it is there but corrupt. */
	public Optional<String> corruption(ProjectName project) {
		try {
			Optional<byte[]> content = AtomicFile.read(this.paths.serverJson(project));
			if (content.isPresent()) {
				StateJson.read(content.get(), ServerInfo.class, "server.json");
			}
			return Optional.empty();
		}
		catch (CorruptFileException ex) {
			return Optional.of(ex.getMessage());
		}
		catch (IOException ex) {
			return Optional.of("server.json cannot be read (" + ex.getMessage() + ")");
		}
	}

	/** Removes the project's server.json (and a corrupt one alike); false when there was none. */
	public boolean delete(ProjectName project) {
		Path file = this.paths.serverJson(project);
		try {
			return AtomicFile.delete(file);
		}
		catch (IOException ex) {
			throw LocalDbException.storage("delete", file, ex);
		}
	}

	/**
	 * Removes every file of the project's studio directory but its lock (deleting a lock another
	 * process waits on would let two processes hold it).
	 */
	public void deleteAll(ProjectName project) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.paths.studioDir(project))) {
			for (Path file : files) {
				if (!file.getFileName().toString().equals(".lock")) {
					Files.delete(file);
				}
			}
		}
	}

	private static boolean hasState(Path studio) throws IOException {
		if (!Files.isDirectory(studio, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(studio)) {
			for (Path file : files) {
				if (!file.getFileName().toString().equals(".lock")) {
					return true;
				}
			}
		}
		return false;
	}

	public boolean exists(ProjectName project) {
		return Files.exists(this.paths.serverJson(project));
	}

	/**
	 * Projects that have a {@code runtime/<project>/.studio} directory with more in it than the
	 * project's lock (a start that failed before its server ran leaves only that).
	 */
	public List<ProjectName> projectsOnDisk() {
		List<ProjectName> projects = new ArrayList<>();
		Path runtime = this.paths.runtime();
		if (!Files.isDirectory(runtime)) {
			return projects;
		}
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runtime, Files::isDirectory)) {
			for (Path dir : dirs) {
				String name = dir.getFileName().toString();
				if (ProjectName.isValid(name) && hasState(dir.resolve(".studio"))) {
					projects.add(ProjectName.of(name));
				}
			}
		}
		catch (IOException ex) {
			throw LocalDbException.storage("list", runtime, ex);
		}
		projects.sort(null);
		return projects;
	}

}
