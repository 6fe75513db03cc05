package dev.localdb.dashboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * since (when a new run rotated the log to {@code server.log.1}, the rest of the old file first).
 * A stream whose page went away is dropped at the next line or heartbeat. At most {@code max}.
 */
class LogFeed {

	private static final int INITIAL_LINES = 200;

	private static final int MAX_READ = 64 * 1024;

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
		Path log = this.paths.serverLog(project);
		SseEmitter emitter = new SseEmitter(0L);
		Follower follower = new Follower(log, emitter);
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
		follower.key = fileKey(log);
		follower.offset = size(log);
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

	private static Object fileKey(Path file) {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** One followed log: where it was read up to, in which file, and a line not yet ended. */
	private static final class Follower {

		final Path log;

		final SseEmitter emitter;

		final StringBuilder partial = new StringBuilder();

		Object key;

		long offset;

		Follower(Path log, SseEmitter emitter) {
			this.log = log;
			this.emitter = emitter;
		}

		/** @return whether anything was sent */
		boolean readNew() throws IOException {
			Object now = fileKey(this.log);
			boolean sent = false;
			if (now != null && !now.equals(this.key)) {
				Path previous = this.log.resolveSibling(this.log.getFileName() + ".1");
				if (this.key != null && this.key.equals(fileKey(previous))) {
					sent = readFrom(previous); // a new run moved the followed file aside: its last lines first
				}
				this.key = now;
				this.offset = 0;
			}
			return (now != null && readFrom(this.log)) || sent;
		}

		private boolean readFrom(Path file) throws IOException {
			boolean sent = false;
			try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
				if (channel.size() < this.offset) {
					this.offset = 0; // truncated: read it afresh
				}
				channel.position(this.offset);
				ByteBuffer buffer = ByteBuffer.allocate(MAX_READ);
				int read = channel.read(buffer);
				if (read <= 0) {
					return false;
				}
				this.offset += read;
				this.partial.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
				int newline;
				while ((newline = this.partial.indexOf("\n")) >= 0) {
					this.emitter.send(SseEmitter.event().name("line").data(this.partial.substring(0, newline)));
					this.partial.delete(0, newline + 1);
					sent = true;
				}
			}
			catch (NoSuchFileException ex) {
				return false;
			}
			return sent;
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
