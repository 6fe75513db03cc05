package dev.localdb.dashboard;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The open pages' event streams: each gets the state when it opens, and again whenever it
 * changed (anywhere: CLI, shell, another tab, a crash). At most {@code max} at once.
 */
class StateFeed {

	private final int max;

	private final Supplier<DashboardState> snapshots;

	private final List<SseEmitter> watchers = new CopyOnWriteArrayList<>();

	private volatile DashboardState last;

	StateFeed(int max, Supplier<DashboardState> snapshots) {
		this.max = max;
		this.snapshots = snapshots;
	}

	SseEmitter open() throws IOException {
		SseEmitter emitter = new SseEmitter(0L);
		synchronized (this) {
			if (this.watchers.size() >= this.max) {
				throw new LocalDbException(Failure.BUSY, "The dashboard already serves " + this.max
						+ " pages (localdb.dashboard.max-event-streams): close another tab, or raise the setting.");
			}
			this.watchers.add(emitter);
		}
		emitter.onCompletion(() -> this.watchers.remove(emitter));
		emitter.onTimeout(() -> this.watchers.remove(emitter));
		emitter.onError(error -> this.watchers.remove(emitter));
		emitter.send(SseEmitter.event().name("state").data(this.snapshots.get(), MediaType.APPLICATION_JSON));
		return emitter;
	}

	int max() {
		return this.max;
	}

	int streams() {
		return this.watchers.size();
	}

	/**
	 * Sends the state to every open page when it changed; with {@code heartbeat}, a comment to
	 * the others, so a page that went away is noticed and its stream dropped.
	 */
	void push(boolean heartbeat) {
		if (this.watchers.isEmpty()) {
			return;
		}
		DashboardState state;
		try {
			state = this.snapshots.get();
		}
		catch (RuntimeException ex) {
			return; // a storage problem shows in the next state, or in doctor
		}
		boolean changed = !state.equals(this.last);
		this.last = state;
		if (!changed && !heartbeat) {
			return;
		}
		for (SseEmitter watcher : this.watchers) {
			try {
				watcher.send(changed ? SseEmitter.event().name("state").data(state, MediaType.APPLICATION_JSON)
						: SseEmitter.event().comment("still here"));
			}
			catch (IOException | IllegalStateException ex) {
				this.watchers.remove(watcher);
				watcher.completeWithError(ex);
			}
		}
	}

}
