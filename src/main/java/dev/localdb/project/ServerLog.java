package dev.localdb.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.localdb.os.AtomicFile;
import dev.localdb.os.PrivateDirectory;

/**
 * A project's {@code server.log}: every run's output, each run after a marker line that LocalDB
 * writes before it starts the server, so that a failed start shows only its own run's lines. When
 * the log is over its size limit it is moved to {@code server.log.1} (earlier ones to
 * {@code .2}, {@code .3} ...) before the next run starts, and the daemon rotates it while the server
 * runs ({@link #rotate}). Never read or written through a symbolic link.
 */
final class ServerLog {

	/** The start of each run's lines; what follows it is the run's output. */
	static final String RUN_MARK = "--- localdb: run started ";

	private static final int MAX_TAIL_BYTES = 64 * 1024;

	private ServerLog() {
	}

	/** Rotates the log when it is over {@code maxBytes}, then marks the start of a run. */
	static void startRun(Path log, long maxBytes, Instant now, String description) throws IOException {
		PrivateDirectory.requireNoLink(log);
		if (Files.exists(log, LinkOption.NOFOLLOW_LINKS) && Files.size(log) > maxBytes) {
			// the daemon's rotation deletes those beyond localdb.servers.log-keep
			shift(log, Integer.MAX_VALUE);
			Files.move(log, numbered(log, 1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		try (FileChannel channel = AtomicFile.openPrivate(log)) {
			channel.position(channel.size());
			String mark = RUN_MARK + now + " (" + description + ") ---\n";
			ByteBuffer buffer = ByteBuffer.wrap(mark.getBytes(StandardCharsets.UTF_8));
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
		}
	}

	/**
	 * Rotates a log its server still writes when it is over {@code maxBytes}: its bytes are copied to
	 * {@code server.log.1} (the older ones shifted, those beyond {@code keep} deleted) and the log is
	 * truncated. The server's file stays its own: it appends (O_APPEND), so its next write lands at
	 * the start of the emptied file; the copy catches up with what it wrote meanwhile, and only what
	 * it writes in the microseconds between the last catch-up and the truncation is lost. The copy
	 * becomes {@code .1} after the truncation, so a follower that sees a new {@code .1} knows the
	 * log was emptied.
	 * @return whether it was rotated
	 */
	static boolean rotate(Path log, long maxBytes, int keep) throws IOException {
		PrivateDirectory.requireNoLink(log);
		if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS) || Files.size(log) <= maxBytes) {
			return false;
		}
		Path copy = log.resolveSibling(log.getFileName() + ".rotating");
		try (FileChannel source = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS)) {
			if (keep > 0) {
				try (FileChannel target = AtomicFile.openPrivate(copy)) {
					target.truncate(0);
					long copied = 0;
					for (long size = source.size(); copied < size; size = source.size()) {
						copied += source.transferTo(copied, size - copied, target);
					}
				}
			}
			source.truncate(0);
		}
		if (keep > 0) {
			shift(log, keep);
			Files.move(copy, numbered(log, 1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		prune(log, keep);
		return true;
	}

	/** Deletes the rotated files beyond {@code keep} (a new run's rotation shifts them all up). */
	static void prune(Path log, int keep) throws IOException {
		for (int number = keep + 1; Files.deleteIfExists(numbered(log, number)); number++) {
			// the ones beyond keep
		}
	}

	/** {@code server.log.N} */
	static Path numbered(Path log, int number) {
		return log.resolveSibling(log.getFileName() + "." + number);
	}

	/** Moves {@code .N} to {@code .N+1}, from the last one down, dropping the one that would pass {@code keep}. */
	private static void shift(Path log, int keep) throws IOException {
		int last = 0;
		while (last < keep && Files.exists(numbered(log, last + 1), LinkOption.NOFOLLOW_LINKS)) {
			last++;
		}
		if (last == keep) {
			Files.delete(numbered(log, last));
			last--;
		}
		for (int number = last; number >= 1; number--) {
			PrivateDirectory.requireNoLink(numbered(log, number));
			Files.move(numbered(log, number), numbered(log, number + 1), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
	}

	/**
	 * Prints what is appended to the log from {@code offset} on, line by line, until {@code stop}
	 * says so. Across a rotation: a log moved aside by a new run, or copied to a new
	 * {@code server.log.1} and emptied while it ran, is read to its end there first, then the new
	 * log from its start.
	 * @return where it stopped reading
	 */
	static long follow(Path log, long offset, Consumer<String> out, BooleanSupplier stop) throws IOException {
		Path rotated = numbered(log, 1);
		long position = offset;
		Object inode = inode(log);
		Object rotatedInode = inode(rotated);
		StringBuilder partial = new StringBuilder();
		int shrunk = 0;
		while (!stop.getAsBoolean()) {
			Object now = inode(log);
			Object rotatedNow = inode(rotated);
			boolean movedAside = now != null && !now.equals(inode);
			boolean copied = !movedAside && rotatedNow != null && !rotatedNow.equals(rotatedInode);
			if (movedAside || copied) {
				// the rest of what was followed is in .1 now
				if (copied || (inode != null && inode.equals(rotatedNow))) {
					read(rotated, position, Long.MAX_VALUE, partial, out);
				}
				inode = now;
				position = 0;
			}
			if (rotatedNow != null) {
				rotatedInode = rotatedNow;
			}
			long read = now == null ? 0 : read(log, position, 64 * 1024, partial, out);
			position += read;
			if (read > 0) {
				shrunk = 0;
				continue;
			}
			// emptied by hand, not by a rotation (whose new .1 comes within milliseconds): read it afresh
			if (now != null && Files.size(log) < position && ++shrunk > 20) {
				position = 0;
				shrunk = 0;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return position;
	}

	/** Up to {@code most} bytes of {@code file} from {@code from}, each whole line to {@code out}; how many were read. */
	private static long read(Path file, long from, long most, StringBuilder partial, Consumer<String> out)
			throws IOException {
		long total = 0;
		try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			channel.position(from);
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			int read;
			while (total < most && (read = channel.read(buffer.clear())) > 0) {
				total += read;
				partial.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
				int newline;
				while ((newline = partial.indexOf("\n")) >= 0) {
					out.accept(partial.substring(0, newline));
					partial.delete(0, newline + 1);
				}
			}
		}
		catch (NoSuchFileException ex) {
			// moved away meanwhile: the next look finds where
		}
		return total;
	}

	private static Object inode(Path log) {
		try {
			return Files.readAttributes(log, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
				.fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** The last {@code lines} lines of the current run (after the last mark); all of them with {@code allRuns}. */
	static List<String> tail(Path log, int lines, boolean allRuns) {
		try (SeekableByteChannel file = Files.newByteChannel(log, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			long length = file.size();
			int size = (int) Math.min(length, MAX_TAIL_BYTES);
			ByteBuffer buffer = ByteBuffer.allocate(size);
			file.position(length - size);
			while (buffer.hasRemaining() && file.read(buffer) >= 0) {
				// fill the buffer
			}
			List<String> all = new ArrayList<>(Arrays.asList(new String(buffer.array(), StandardCharsets.UTF_8).split("\\R")));
			if (!allRuns) {
				for (int i = all.size() - 1; i >= 0; i--) {
					if (all.get(i).startsWith(RUN_MARK)) {
						all = all.subList(i + 1, all.size());
						break;
					}
				}
			}
			return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
