package dev.localdb.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.doctor.Doctor;
import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectService;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.wire.DaemonState;

/**
 * The dashboard at {@code /}: one page (everything in the jar, no CDN, no build step) that shows
 * every project and updates itself within half a second of any change, made anywhere (CLI, shell,
 * another tab, a crash): the server compares the state every 500 ms and pushes it over server-sent
 * events when it changed. Its actions go through the same project flows as the CLI; each must
 * carry the daemon's token ({@link DashboardToken}) besides passing the Host and Origin checks.
 */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
		type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
class DashboardController {

	private final ProjectCatalog catalog;

	private final ProjectService projects;

	private final StaleAllocationCleaner cleaner;

	private final Doctor doctor;

	private final RuntimePaths paths;

	private final DashboardToken token;

	private final JsonMapper json;

	private final String page;

	private final CopyOnWriteArrayList<SseEmitter> watchers = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "localdb-dashboard");
		thread.setDaemon(true);
		return thread;
	});

	private volatile String lastState = "";

	DashboardController(ProjectCatalog catalog, ProjectService projects, StaleAllocationCleaner cleaner, Doctor doctor,
			RuntimePaths paths, DashboardToken token, JsonMapper json) throws IOException {
		this.catalog = catalog;
		this.projects = projects;
		this.cleaner = cleaner;
		this.doctor = doctor;
		this.paths = paths;
		this.token = token;
		this.json = json;
		try (InputStream in = DashboardController.class.getResourceAsStream("/dashboard/index.html")) {
			this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{token}}", token.value());
		}
		this.ticker.scheduleWithFixedDelay(this::push, 500, 500, TimeUnit.MILLISECONDS);
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String page() {
		return this.page;
	}

	@GetMapping(path = "/dashboard/state", produces = MediaType.APPLICATION_JSON_VALUE)
	String state() {
		return stateJson();
	}

	/** doctor's findings, for the dashboard's panel (the page asks every 10 s). */
	@GetMapping(path = "/dashboard/doctor", produces = MediaType.APPLICATION_JSON_VALUE)
	String doctor() {
		return this.json.writeValueAsString(this.doctor.examine());
	}

	@org.springframework.web.bind.annotation.ExceptionHandler(DashboardTokenException.class)
	ResponseEntity<Map<String, Object>> forbidden(DashboardTokenException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("status", 403, "error", ex.getMessage()));
	}

	@GetMapping(path = "/dashboard/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() throws IOException {
		SseEmitter emitter = new SseEmitter(0L);
		this.watchers.add(emitter);
		emitter.onCompletion(() -> this.watchers.remove(emitter));
		emitter.onTimeout(() -> this.watchers.remove(emitter));
		emitter.onError(error -> this.watchers.remove(emitter));
		emitter.send(SseEmitter.event().name("state").data(stateJson(), MediaType.APPLICATION_JSON));
		return emitter;
	}

	/** A project's log: the current run's last lines, then what it writes, until the page goes. */
	@GetMapping(path = "/dashboard/projects/{project}/log", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter log(@PathVariable String project) {
		ProjectName name = ProjectName.of(project);
		SseEmitter emitter = new SseEmitter(0L);
		AtomicBoolean gone = new AtomicBoolean();
		emitter.onCompletion(() -> gone.set(true));
		emitter.onTimeout(() -> gone.set(true));
		emitter.onError(error -> gone.set(true));
		Thread follower = new Thread(() -> {
			try {
				this.projects.logs(name, 200, false, true, line -> {
					try {
						emitter.send(SseEmitter.event().name("line").data(line));
					}
					catch (IOException | IllegalStateException ex) {
						gone.set(true);
					}
				}, gone::get);
			}
			catch (LocalDbException ex) {
				try {
					emitter.send(SseEmitter.event().name("problem").data(ex.getMessage()));
				}
				catch (IOException | IllegalStateException ignored) {
					// the page went away
				}
			}
			emitter.complete();
		}, "localdb-dashboard-log");
		follower.setDaemon(true);
		follower.start();
		return emitter;
	}

	@PostMapping(path = "/dashboard/projects/{project}/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> act(@PathVariable String project, @PathVariable String action,
			@RequestHeader(name = DashboardToken.HEADER, required = false) String token) {
		requireToken(token);
		ProjectName name = ProjectName.of(project);
		String done = switch (action) {
			case "start" -> {
				var result = this.projects.start(new StartRequest(name, null, null, null), StartProgress.NONE);
				yield name + " started on port " + result.port();
			}
			case "stop" -> this.projects.stop(name).describe().substring(2);
			case "restart" -> {
				var result = this.projects.restart(new StartRequest(name, null, null, null), StartProgress.NONE);
				yield name + " restarted on port " + result.port();
			}
			case "forget" -> this.projects.forget(name).describe().substring(2);
			default -> throw new LocalDbException(Failure.USAGE, "Unknown action '" + action
					+ "': use start, stop, restart or forget.");
		};
		push();
		return ResponseEntity.ok(Map.of("message", done));
	}

	@PostMapping(path = "/dashboard/cleanup", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> cleanup(
			@RequestHeader(name = DashboardToken.HEADER, required = false) String token) {
		requireToken(token);
		int cleaned = this.cleaner.cleanup().count();
		push();
		return ResponseEntity.ok(Map.of("message", "Cleaned " + cleaned + " stale allocation(s)"));
	}

	private void requireToken(String candidate) {
		if (!this.token.matches(candidate)) {
			throw new DashboardTokenException();
		}
	}

	/** Sends the state to every open page when it changed since the last push. */
	private void push() {
		if (this.watchers.isEmpty()) {
			return;
		}
		String state;
		try {
			state = stateJson();
		}
		catch (RuntimeException ex) {
			return; // a storage problem shows in the next state, or in doctor
		}
		if (state.equals(this.lastState)) {
			return;
		}
		this.lastState = state;
		for (SseEmitter watcher : this.watchers) {
			try {
				watcher.send(SseEmitter.event().name("state").data(state, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				this.watchers.remove(watcher);
			}
		}
	}

	private String stateJson() {
		String daemon = DaemonState.webAddress(this.paths.home()).startsWith("http") ? "running"
				: "no daemon: this session serves the page";
		return this.json.writeValueAsString(DashboardState.of(this.catalog.list(), this.cleaner.report(), daemon));
	}

	/** A state-changing request without this daemon's token. */
	static final class DashboardTokenException extends LocalDbException {

		DashboardTokenException() {
			super(Failure.USAGE, "This request does not carry the dashboard's token: reload the dashboard.");
		}

	}

}
