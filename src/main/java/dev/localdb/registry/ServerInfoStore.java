package dev.localdb.registry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.os.AtomicFile;
import dev.localdb.system.LocalDbException;

/** The {@code runtime/<project>/.studio/server.json} files, read strictly and written atomically. */
public class ServerInfoStore {

	private static final Logger log = LoggerFactory.getLogger(ServerInfoStore.class);

	private final RuntimePaths paths;

	public ServerInfoStore(RuntimePaths paths) {
		this.paths = paths;
	}

	/** The project's server.json; empty when missing or unreadable (a corrupt one is reported). */
	public Optional<ServerInfo> read(ProjectName project) {
		Path file = this.paths.serverJson(project);
		try {
			return AtomicFile.read(file).map(content -> StateJson.read(content, ServerInfo.class, "server.json"));
		}
		catch (CorruptFileException ex) {
			log.warn("Ignoring {}: {}", file, ex.getMessage());
			return Optional.empty();
		}
		catch (IOException ex) {
			throw LocalDbException.storage("read", file, ex);
		}
	}

	public void write(ProjectName project, ServerInfo info) {
		Path file = this.paths.serverJson(project);
		try {
			this.paths.ensureStudioDir(project);
			AtomicFile.write(file, StateJson.write(info));
		}
		catch (IOException ex) {
			throw LocalDbException.storage("write", file, ex);
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

	public boolean exists(ProjectName project) {
		return Files.exists(this.paths.serverJson(project));
	}

	/** Projects that have a {@code runtime/<project>/.studio} directory. */
	public List<ProjectName> projectsOnDisk() {
		List<ProjectName> projects = new ArrayList<>();
		Path runtime = this.paths.runtime();
		if (!Files.isDirectory(runtime)) {
			return projects;
		}
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runtime, Files::isDirectory)) {
			for (Path dir : dirs) {
				String name = dir.getFileName().toString();
				if (ProjectName.isValid(name) && Files.isDirectory(dir.resolve(".studio"))) {
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
