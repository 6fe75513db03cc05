package dev.localdb.share;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectStatus;
import dev.localdb.proxy.ProjectProxy;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.web.WebPort;

/**
 * The daemon's shares, one per project at most: opened by {@code share}, closed by
 * {@code unshare}, by the project's stop (a watchdog sees it), or with the daemon, which opens the
 * {@code --keep} ones again when it starts.
 */
public class Shares implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Shares.class);

	private final ProjectCatalog catalog;

	private final RuntimePaths paths;

	private final ShareProperties settings;

	private final KeptShares kept;

	private final Map<ProjectName, Share> open = new ConcurrentHashMap<>();

	private final Set<ProjectName> opening = new HashSet<>();

	/** Projects the watchdog last saw stopped: a second look closes their share (a restart passes in between). */
	private final Set<ProjectName> seenStopped = ConcurrentHashMap.newKeySet();

	/** Two threads: a reconnect that waits for a slow relay holds up neither the watchdog nor another share. */
	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "localdb-shares");
		thread.setDaemon(true);
		return thread;
	});

	/** LocalDB's own proxy, which every share's door hands its requests to. */
	private final ProjectProxy proxy;

	Shares(ProjectCatalog catalog, RuntimePaths paths, ShareProperties settings) {
		this.catalog = catalog;
		this.paths = paths;
		this.settings = settings;
		this.kept = new KeptShares(paths);
		this.proxy = ProjectProxy.forOthers(catalog, paths, () -> WebPort.servedPort(paths.home()).orElse(0));
		long every = settings.watchInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Shares the project; returns when the relay forwards the public URL to it.
	 * @throws LocalDbException the project does not run, is shared already, or the relay failed
	 */
	public ShareStatus open(ShareRequest request) {
		ProjectName project = request.project();
		requireRunning(project);
		synchronized (this.opening) {
			Share existing = this.open.get(project);
			if (existing != null) {
				throw new LocalDbException(Failure.USAGE, project + " is already shared at " + existing.url()
						+ "; run 'localdb unshare " + project + "' first to share it differently.");
			}
			if (!this.opening.add(project)) {
				throw new LocalDbException(Failure.USAGE, project + " is being shared by another command right now.");
			}
		}
		try {
			Share share = Share.open(request, this.settings, this.scheduler, this.proxy,
					line -> append(project, line), this::record);
			this.open.put(project, share);
			record();
			if (request.keep()) {
				this.kept.save(request);
			}
			log.info("Shared {} at {} ({})", project, share.url(), share.status().via());
			return share.status();
		}
		finally {
			synchronized (this.opening) {
				this.opening.remove(project);
			}
		}
	}

	/** @return whether the project was shared */
	public boolean close(ProjectName project) {
		this.kept.forget(project);
		Share share = this.open.remove(project);
		if (share == null) {
			return false;
		}
		share.close();
		record();
		log.info("Stopped sharing {}", project);
		return true;
	}

	/** The daemon's shares as {@code list} shows them in another process of this home (the shell's, --no-daemon). */
	public static List<ShareStatus> shown(RuntimePaths paths) {
		return SharesFile.read(paths);
	}

	private void record() {
		try {
			SharesFile.write(this.paths, all());
		}
		catch (IOException | LocalDbException ex) {
			log.warn("Could not record the shares for other processes in {}: {}", SharesFile.of(this.paths), ex.toString());
		}
	}

	public Optional<ShareStatus> status(ProjectName project) {
		return Optional.ofNullable(this.open.get(project)).map(Share::status);
	}

	/**
	 * What {@link #all()} says where the daemon runs shares, else nothing: for what asks often (the
	 * front's answer of /actuator/ports, the dashboard), the bean is looked up once, not per call.
	 */
	public static Supplier<List<ShareStatus>> statusesOf(ObjectProvider<Shares> shares) {
		Supplier<Optional<Shares>> found = SingletonSupplier.of(() -> Optional.ofNullable(shares.getIfAvailable()));
		return () -> found.get().map(Shares::all).orElse(List.of());
	}

	public List<ShareStatus> all() {
		if (this.open.isEmpty()) {
			return List.of();
		}
		return this.open.values().stream().map(Share::status).sorted((a, b) -> a.project().compareTo(b.project())).toList();
	}

	/** The port the relay listens on for the project's share now; -1 when it is not shared or reconnecting. */
	int remotePort(ProjectName project) {
		Share share = this.open.get(project);
		return share == null ? -1 : share.remotePort();
	}

	/** Prints each request through the share as it ends, until {@code stop} says so or the share closes. */
	public void follow(ProjectName project, Consumer<String> out, BooleanSupplier stop) {
		Share share = this.open.get(project);
		if (share == null) {
			throw new LocalDbException(Failure.NOT_FOUND, project + " is not shared.");
		}
		LinkedBlockingQueue<ShareProxy.Line> lines = new LinkedBlockingQueue<>();
		Consumer<ShareProxy.Line> follower = lines::add;
		share.follow(follower);
		try {
			while (!stop.getAsBoolean() && !share.isClosed()) {
				ShareProxy.Line line = lines.poll(200, TimeUnit.MILLISECONDS);
				if (line != null) {
					out.accept(line.method() + " " + line.path() + " " + line.status() + " " + line.remote());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			share.unfollow(follower);
		}
	}

	/** Opens the shares kept with {@code --keep}, in the background: the daemon is ready meanwhile. */
	void resumeKept() {
		String socket = System.getenv("SSH_AUTH_SOCK");
		Path agent = socket == null || socket.isBlank() ? null : Path.of(socket);
		for (KeptShares.Kept share : this.kept.all()) {
			this.scheduler.execute(() -> resume(share.request(agent), Duration.ofSeconds(1)));
		}
	}

	/** A relay that does not answer yet is tried again, as a dropped share is, while the share is kept. */
	private void resume(ShareRequest request, Duration wait) {
		if (!this.kept.isKept(request.project())) {
			return;
		}
		try {
			ShareStatus status = open(request);
			log.info("Resumed the share of {} (--keep): {}", request.project(), status.url());
		}
		catch (LocalDbException ex) {
			if (ex.failure() == Failure.NOT_FOUND) {
				log.info("Not resuming the share of {} (--keep): {}", request.project(), ex.getMessage());
				this.kept.forget(request.project());
			}
			else if (ex.failure() == Failure.SHARE_FAILED) {
				Duration doubled = wait.multipliedBy(2);
				Duration next = doubled.compareTo(this.settings.maxRetryWait()) > 0 ? this.settings.maxRetryWait() : doubled;
				log.warn("Could not resume the share of {} (--keep): {}; next try in {}s", request.project(),
						ex.getMessage(), wait.toSeconds());
				this.scheduler.schedule(() -> resume(request, next), wait.toMillis(), TimeUnit.MILLISECONDS);
			}
			else {
				log.warn("Could not resume the share of {} (--keep): {}", request.project(), ex.getMessage());
			}
		}
	}

	/** Closes the share of each project that stopped, was forgotten, or gave up. */
	private void watch() {
		for (ProjectName project : List.copyOf(this.open.keySet())) {
			try {
				Optional<ProjectStatus> status = this.catalog.status(project);
				boolean stopped = status.isEmpty() || status.get().state() == ProjectStatus.State.STOPPED
						|| status.get().state() == ProjectStatus.State.FAILED;
				if (!stopped) {
					this.seenStopped.remove(project);
				}
				else if (!this.seenStopped.add(project)) {
					this.seenStopped.remove(project);
					log.info("{} stopped: its share is closed", project);
					close(project);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Share watchdog: could not read the state of {}: {}", project, ex.getMessage());
			}
		}
	}

	private void requireRunning(ProjectName project) {
		ProjectStatus.State state = this.catalog.status(project).map(ProjectStatus::state).orElse(null);
		if (state != ProjectStatus.State.RUNNING) {
			throw new LocalDbException(Failure.NOT_FOUND, state == null
					? "LocalDB knows no project '" + project + "'. Start it with 'localdb start " + project + "', then share it."
					: "Project '" + project + "' is not running (" + state.label() + "). Start it with 'localdb start "
							+ project + "', then share it.");
		}
	}

	/** The request's line in the project's log, after the server's own lines (both append). */
	private void append(ProjectName project, ShareProxy.Line line) {
		try (FileChannel channel = FileChannel.open(this.paths.serverLog(project), StandardOpenOption.WRITE,
				StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
			ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		}
		catch (NoSuchFileException ex) {
			// the project was forgotten meanwhile
		}
		catch (IOException | LocalDbException ex) {
			log.debug("Could not log a shared request of {}: {}", project, ex.toString());
		}
	}

	/** The daemon ends: its shares close with it; the kept ones are opened again by the next. */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.open.values().forEach(Share::close);
		this.open.clear();
		try {
			SharesFile.delete(this.paths);
		}
		catch (IOException ex) {
			// the next daemon replaces it; its pid says it is stale meanwhile
		}
	}

}
