package dev.localdb.projectfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.project.ProjectService;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.project.StartResult;
import dev.localdb.project.StopResult;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ProjectSource;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * {@code up} and {@code down}: a {@code localdb.yml}'s projects started, dependencies first, and
 * stopped, dependents first, each through {@link ProjectService}'s own start, restart and stop
 * (the commands' code, under the same project locks). {@code up} is idempotent: a project whose
 * server runs as the file says is left alone, one whose definition changed is restarted.
 */
public class ProjectFileService {

	/** The names a project file goes by, looked for in this order. */
	static final List<String> FILE_NAMES = List.of("localdb.yml", ".localdb.yml");

	private final ProjectService projects;

	private final ServerInfoStore servers;

	public ProjectFileService(ProjectService projects, ServerInfoStore servers) {
		this.projects = projects;
		this.servers = servers;
	}

	/**
	 * The file to use: {@code option} ({@code -f FILE}, relative to {@code directory}), else a
	 * {@code localdb.yml} (or {@code .localdb.yml}) in {@code directory} or the nearest directory above.
	 */
	public Path locate(Path directory, String option) {
		if (option != null && !option.isBlank()) {
			Path given = directory.resolve(option).normalize();
			if (!Files.isRegularFile(given)) {
				throw new LocalDbException(Failure.USAGE, "No project file " + given + ". Give an existing file with -f.");
			}
			return given;
		}
		for (Path at = directory.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
			for (String name : FILE_NAMES) {
				if (Files.isRegularFile(at.resolve(name))) {
					return at.resolve(name);
				}
			}
		}
		throw new LocalDbException(Failure.USAGE, "No localdb.yml in " + directory + " or any directory above it. "
				+ "Write one (see 'localdb help up'), or give its path with -f FILE.");
	}

	/**
	 * Starts the file's {@code named} projects (all, when none is named) and those they depend on,
	 * each once its dependencies run; the whole file and every env_file are checked first, so a
	 * mistake starts nothing.
	 * @param directory where the user is, for how messages name the file
	 * @param shell the environment of the user's shell, which the servers start from
	 * @param envFiles reads a {@code .env} file
	 * @param each told of each project as it is done
	 */
	public List<Outcome> up(Path file, Path directory, List<String> named, Map<String, String> shell,
			Function<Path, Map<String, String>> envFiles, StartProgress progress, Consumer<Outcome> each) {
		Map<ProjectName, ProjectDefinition> defined = read(file, directory);
		List<ProjectDefinition> order = DependencyOrder.startOrder(defined, names(defined, file, directory, named));
		Map<ProjectName, Map<String, String>> variables = new LinkedHashMap<>();
		order.forEach(definition -> variables.put(definition.name(), definition.variables(envFiles)));
		Path source = realPath(file);
		order.forEach(definition -> checkOwnName(definition, source, directory));
		List<Outcome> outcomes = new ArrayList<>();
		for (ProjectDefinition definition : order) {
			Outcome outcome = up(definition, variables.get(definition.name()), shell, progress);
			this.servers.rememberSource(definition.name(), new ProjectSource(source.toString(),
					definition.dependsOn().stream().map(ProjectName::value).toList()));
			outcomes.add(outcome);
			each.accept(outcome);
		}
		return outcomes;
	}

	/** The file however it was reached (a linked directory, {@code -f} or found): one owner per file. */
	private static Path realPath(Path file) {
		try {
			return file.toRealPath();
		}
		catch (IOException ex) {
			return file.toAbsolutePath().normalize();
		}
	}

	/**
	 * A name LocalDB already knows (remembered, or running) that this file did not define for it
	 * stops {@code up} before anything starts: taking it over would run another project's server
	 * under its name and port.
	 */
	private void checkOwnName(ProjectDefinition definition, Path source, Path directory) {
		ProjectName name = definition.name();
		Optional<String> owner = this.servers.source(name).map(ProjectSource::file);
		if (owner.filter(source.toString()::equals).isPresent()
				|| (this.servers.remembered(name).isEmpty() && this.projects.running(name).isEmpty())) {
			return;
		}
		String other = owner.map(known -> "of " + shown(Path.of(known), directory))
			.orElse("started by 'localdb start'");
		throw new LocalDbException(Failure.USAGE, definition.where() + "'" + name + "' is already a project " + other
				+ "; rename it here, or run 'localdb forget " + name + "' first.");
	}

	private Outcome up(ProjectDefinition definition, Map<String, String> variables, Map<String, String> shell,
			StartProgress progress) {
		StartRequest request = definition.request(variables, shell);
		ProjectName name = definition.name();
		if (this.projects.running(name).isPresent()) {
			Optional<RememberedProject> remembered = this.servers.remembered(name);
			Map<String, String> rememberedVariables = this.servers.environment(name)
				.map(RememberedProject.Environment::variables)
				.orElse(Map.of());
			RememberedProject.Layout layout = this.servers.layout(name).orElse(RememberedProject.Layout.SINGLE);
			if (remembered.filter(known -> definition.runsAs(known, layout, rememberedVariables, variables)).isPresent()) {
				return Outcome.of(Action.ALREADY_RUNNING, this.projects.start(request, progress));
			}
			return Outcome.of(Action.RESTARTED, this.projects.restart(request, progress));
		}
		StartResult started = this.projects.start(request, progress);
		return Outcome.of(started.alreadyRunning() ? Action.ALREADY_RUNNING : Action.STARTED, started);
	}

	/**
	 * Stops the file's {@code named} projects (all, when none is named), dependents first, as
	 * {@code stop} does; one that does not run is said so, not an error.
	 */
	public List<Outcome> down(Path file, Path directory, List<String> named, Consumer<Outcome> each) {
		Map<ProjectName, ProjectDefinition> defined = read(file, directory);
		List<ProjectName> chosen = names(defined, file, directory, named);
		List<ProjectDefinition> order = new ArrayList<>(DependencyOrder.startOrder(defined, List.of()));
		order.removeIf(definition -> !chosen.isEmpty() && !chosen.contains(definition.name()));
		Collections.reverse(order);
		List<Outcome> outcomes = new ArrayList<>();
		for (ProjectDefinition definition : order) {
			Outcome outcome;
			try {
				StopResult stopped = this.projects.stop(definition.name());
				outcome = new Outcome(definition.name(), Action.STOPPED, stopped.port(), stopped.pid(), null);
			}
			catch (LocalDbException ex) {
				if (ex.failure() != Failure.NOT_FOUND) {
					throw ex;
				}
				outcome = new Outcome(definition.name(), Action.NOT_RUNNING, null, null, null);
			}
			outcomes.add(outcome);
			each.accept(outcome);
		}
		return outcomes;
	}

	/** How messages name the file: as the user in {@code directory} would type it. */
	public static String shown(Path file, Path directory) {
		Path absolute = directory.toAbsolutePath().normalize();
		return file.startsWith(absolute) ? absolute.relativize(file).toString() : file.toString();
	}

	private Map<ProjectName, ProjectDefinition> read(Path file, Path directory) {
		Map<ProjectName, ProjectDefinition> byName = new LinkedHashMap<>();
		ProjectFileReader.read(file, shown(file, directory)).forEach(definition -> byName.put(definition.name(), definition));
		return byName;
	}

	private static List<ProjectName> names(Map<ProjectName, ProjectDefinition> defined, Path file, Path directory,
			List<String> named) {
		List<ProjectName> names = new ArrayList<>();
		for (String name : named) {
			ProjectName project = ProjectName.of(name);
			if (!defined.containsKey(project)) {
				throw new LocalDbException(Failure.USAGE, shown(file, directory) + " defines no project '" + name
						+ "'; it defines " + String.join(", ", defined.keySet().stream().map(ProjectName::value).toList())
						+ ".");
			}
			names.add(project);
		}
		return names;
	}

	/** What {@code up} or {@code down} did with a project; port, pid and URL when it runs or ran. */
	public record Outcome(ProjectName project, Action action, Integer port, Long pid, String url) {

		static Outcome of(Action action, StartResult result) {
			return new Outcome(result.project(), action, result.port(), result.pid(), result.url());
		}

		/**
		 * One line, the project's name first as {@code start} prints it: {@code api: started on port
		 * 10007, http://api.localhost:10400/ (http://127.0.0.1:10007/)}.
		 * @param named the project's named URL, or null while no web port is served
		 */
		public String describe(String named) {
			String where = named != null ? named + " (" + this.url + ")" : this.url;
			return this.project + ": " + switch (this.action) {
				case STARTED -> "started on port " + this.port + ", " + where;
				case RESTARTED -> "restarted on port " + this.port + ", its definition changed: " + where;
				case ALREADY_RUNNING -> "already running on port " + this.port;
				case STOPPED -> "stopped; port " + this.port + " released";
				case NOT_RUNNING -> "not running";
			};
		}

	}

	public enum Action {

		STARTED, RESTARTED, ALREADY_RUNNING, STOPPED, NOT_RUNNING;

		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
