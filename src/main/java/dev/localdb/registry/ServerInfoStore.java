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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	private static final String LAYOUT = "layout.json";

	private static final String SOURCE = "source.json";

	private static final Pattern INSTANCE_FILE = Pattern.compile("server-([0-9]{1,3})\\.json");

	private final RuntimePaths paths;

	/** Corrupt files already reported by this process: one warning each, not one per read. */
	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	public ServerInfoStore(RuntimePaths paths) {
		this.paths = paths;
	}

	/** The project's server.json; empty when missing or corrupt (a corrupt one is reported once). */
	public Optional<ServerInfo> read(ProjectName project) {
		return readState(project, this.paths.serverJson(PortKey.of(project)), ServerInfo.class);
	}

	/**
	 * An instance's server.json (see {@link RuntimePaths#serverJson(PortKey)}); the first
	 * instance's through {@link #read(ProjectName)}, so a store that changes one changes both.
	 */
	public Optional<ServerInfo> read(PortKey instance) {
		return instance.isProject() ? read(instance.project())
				: readState(instance.project(), this.paths.serverJson(instance), ServerInfo.class);
	}

	public void write(ProjectName project, ServerInfo info) {
		writeState(project, this.paths.serverJson(PortKey.of(project)), info);
	}

	/** Like {@link #read(PortKey)}: the first instance's through {@link #write(ProjectName, ServerInfo)}. */
	public void write(PortKey instance, ServerInfo info) {
		if (instance.isProject()) {
			write(instance.project(), info);
		}
		else {
			writeState(instance.project(), this.paths.serverJson(instance), info);
		}
	}

	/**
	 * The project's instances: the first, and each further one that has a server.json of its own
	 * ({@code server-2.json}), in order.
	 */
	public List<PortKey> instances(ProjectName project) {
		List<PortKey> instances = new ArrayList<>();
		instances.add(PortKey.of(project));
		Path studio = this.paths.studioDir(project);
		if (!Files.isDirectory(studio, LinkOption.NOFOLLOW_LINKS)) {
			return instances;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(studio, "server-*.json")) {
			for (Path file : files) {
				Matcher matcher = INSTANCE_FILE.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					int number = Integer.parseInt(matcher.group(1));
					if (number >= 2 && number <= PortKey.MAX_INSTANCES) {
						instances.add(PortKey.instance(project, number));
					}
				}
			}
		}
		catch (IOException ex) {
			throw LocalDbException.storage("list", studio, ex);
		}
		instances.sort(null);
		return instances;
	}

	/** The shape of the project: how many instances, which named ports (layout.json), if ever given. */
	public Optional<RememberedProject.Layout> layout(ProjectName project) {
		return readState(project, this.paths.studioDir(project).resolve(LAYOUT), RememberedProject.Layout.class);
	}

	public void rememberLayout(ProjectName project, RememberedProject.Layout layout) {
		writeState(project, this.paths.studioDir(project).resolve(LAYOUT), layout);
	}

	/** The localdb.yml that defines the project (source.json), when {@code up} started it. */
	public Optional<ProjectSource> source(ProjectName project) {
		return readState(project, this.paths.studioDir(project).resolve(SOURCE), ProjectSource.class);
	}

	public void rememberSource(ProjectName project, ProjectSource source) {
		writeState(project, this.paths.studioDir(project).resolve(SOURCE), source);
	}

	/** What LocalDB remembers of the project (project.json); empty when nothing, or when it is corrupt. */
	public Optional<RememberedProject> remembered(ProjectName project) {
		return readState(project, this.paths.studioDir(project).resolve(REMEMBERED), RememberedProject.class);
	}

	/** The project's last health check (health.json), if the daemon has checked it. */
	public Optional<HealthRecord> health(ProjectName project) {
		return health(PortKey.of(project));
	}

	/** An instance's last health check ({@code health-2.json} for the second). */
	public Optional<HealthRecord> health(PortKey instance) {
		return readState(instance.project(), stateFile(instance, HEALTH), HealthRecord.class);
	}

	public void recordHealth(ProjectName project, HealthRecord health) {
		recordHealth(PortKey.of(project), health);
	}

	public void recordHealth(PortKey instance, HealthRecord health) {
		writeState(instance.project(), stateFile(instance, HEALTH), health);
	}

	/** How the project's last run ended, when the process that launched it saw it. */
	public Optional<ExitRecord> lastExit(ProjectName project) {
		return readState(project, stateFile(PortKey.of(project), EXIT), ExitRecord.class);
	}

	public void recordExit(ProjectName project, ExitRecord exit) {
		recordExit(PortKey.of(project), exit);
	}

	public void recordExit(PortKey instance, ExitRecord exit) {
		writeState(instance.project(), stateFile(instance, EXIT), exit);
	}

	/** {@code health.json} of the first instance, {@code health-2.json} of the second. */
	private Path stateFile(PortKey instance, String name) {
		int dot = name.lastIndexOf('.');
		return this.paths.studioDir(instance.project())
			.resolve(RuntimePaths.instanceFile(name.substring(0, dot), instance, name.substring(dot)));
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
		return corruption(PortKey.of(project));
	}

	public Optional<String> corruption(PortKey instance) {
		try {
			Optional<byte[]> content = AtomicFile.read(this.paths.serverJson(instance));
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
		return delete(PortKey.of(project));
	}

	/** Removes an instance's server.json; false when there was none. */
	public boolean delete(PortKey instance) {
		Path file = this.paths.serverJson(instance);
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
		return exists(PortKey.of(project));
	}

	public boolean exists(PortKey instance) {
		return Files.exists(this.paths.serverJson(instance));
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
