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
import java.util.ArrayList;
import java.util.List;

/**
 * Where a followed {@code server.log} was read up to: which file (its inode) and the offset in it,
 * and a line not yet ended. A new run may rotate the log to {@code server.log.1}, and the daemon
 * copies a running server's log to a new {@code server.log.1} and empties it: either way the rest
 * of the followed file is then read there before the log from its start. Never through a link.
 */
final class LogTail {

	private static final int MAX_READ = 64 * 1024;

	private final Path log;

	private final StringBuilder partial = new StringBuilder();

	private Object key;

	private long offset;

	private Object rotatedKey;

	/** How many reads found the log shorter than what was read of it, with no new .1 to explain it. */
	private int shrunk;

	/** From the log's end now: what is already there is not new. */
	LogTail(Path log) {
		this.log = log;
		this.key = fileKey(log);
		this.offset = size(log);
		this.rotatedKey = fileKey(rotated());
	}

	private Path rotated() {
		return this.log.resolveSibling(this.log.getFileName() + ".1");
	}

	/** The whole lines appended since the last call (at most 64 KB of them per file). */
	List<String> readNew() throws IOException {
		List<String> lines = new ArrayList<>();
		Object now = fileKey(this.log);
		Object rotatedNow = fileKey(rotated());
		if (now != null && !now.equals(this.key)) {
			if (this.key != null && this.key.equals(rotatedNow)) {
				readFrom(rotated(), lines);
			}
			this.partial.setLength(0);
			this.key = now;
			this.offset = 0;
		}
		else if (now != null && rotatedNow != null && !rotatedNow.equals(this.rotatedKey)) {
			// copied to .1 and emptied while the server runs: the same stream goes on in the log
			readFrom(rotated(), lines);
			this.offset = 0;
			this.shrunk = 0;
		}
		if (rotatedNow != null) {
			this.rotatedKey = rotatedNow;
		}
		// emptied, its copy not yet .1 (a rotation under way): wait for it, unless it was emptied by hand
		if (now != null && size(this.log) < this.offset && ++this.shrunk <= 10) {
			return lines;
		}
		if (now != null) {
			this.shrunk = 0;
			readFrom(this.log, lines);
		}
		return lines;
	}

	private void readFrom(Path file, List<String> lines) throws IOException {
		try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			if (channel.size() < this.offset) {
				this.offset = 0; // truncated: read it afresh
			}
			channel.position(this.offset);
			ByteBuffer buffer = ByteBuffer.allocate(MAX_READ);
			int read = channel.read(buffer);
			if (read <= 0) {
				return;
			}
			this.offset += read;
			this.partial.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
			int newline;
			while ((newline = this.partial.indexOf("\n")) >= 0) {
				lines.add(this.partial.substring(0, newline));
				this.partial.delete(0, newline + 1);
			}
		}
		catch (NoSuchFileException ex) {
			// moved away meanwhile: the next tick finds where
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

}
