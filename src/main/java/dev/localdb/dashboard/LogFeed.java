package dev.localdb.dashboard;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.localdb.project.ProjectService;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Followed logs, without a thread each: a stream gets the current run's last lines when it opens,
 * then, on every tick of the dashboard's one thread, what its project's {@code server.log} gained
 * since ({@link LogTail}).
 * A stream whose page went away is dropped at the next line or heartbeat. At most {@code max}.
 */
class LogFeed {

	private static final int INITIAL_LINES = 200;

	private final int max;

	private final ProjectService projects;

	private final RuntimePaths paths;

	private final List<Follower> followers = new CopyOnWriteArrayList<>();

	LogFeed(int max, ProjectService projects, RuntimePaths paths) {
		this.max = max;
		this.projects = projects;
		this.paths = paths;
	}

	SseEmitter follow(ProjectName project) {
		SseEmitter emitter = new SseEmitter(0L);
		// where the log ends now, before its last lines are sent: what follows is new
		Follower follower = new Follower(new LogTail(this.paths.serverLog(project)), emitter);
		synchronized (this) {
			if (this.followers.size() >= this.max) {
				throw new LocalDbException(Failure.BUSY, "The dashboard already follows " + this.max
						+ " logs (localdb.dashboard.max-log-streams): close another tab, or raise the setting.");
			}
			this.followers.add(follower);
		}
		emitter.onCompletion(() -> this.followers.remove(follower));
		emitter.onTimeout(() -> this.followers.remove(follower));
		emitter.onError(error -> this.followers.remove(follower));
		try {
			this.projects.logs(project, INITIAL_LINES, false, false, follower::send, () -> true);
		}
		catch (LocalDbException ex) {
			follower.problem(ex.getMessage());
		}
		return emitter;
	}

	int max() {
		return this.max;
	}

	int streams() {
		return this.followers.size();
	}

	void tick(boolean heartbeat) {
		for (Follower follower : this.followers) {
			try {
				if (!follower.readNew() && heartbeat) {
					follower.emitter.send(SseEmitter.event().comment("still here"));
				}
			}
			catch (IOException | IllegalStateException ex) {
				this.followers.remove(follower);
				follower.emitter.completeWithError(ex);
			}
		}
	}

	/** One followed log and its page. */
	private static final class Follower {

		final LogTail tail;

		final SseEmitter emitter;

		Follower(LogTail tail, SseEmitter emitter) {
			this.tail = tail;
			this.emitter = emitter;
		}

		/** @return whether anything was sent */
		boolean readNew() throws IOException {
			List<String> lines = this.tail.readNew();
			for (String line : lines) {
				this.emitter.send(SseEmitter.event().name("line").data(line));
			}
			return !lines.isEmpty();
		}

		void send(String line) {
			try {
				this.emitter.send(SseEmitter.event().name("line").data(line));
			}
			catch (IOException | IllegalStateException ex) {
				this.emitter.completeWithError(ex);
			}
		}

		void problem(String message) {
			try {
				this.emitter.send(SseEmitter.event().name("problem").data(message));
			}
			catch (IOException | IllegalStateException ex) {
				// the page went away
			}
			this.emitter.complete();
		}

	}

}
