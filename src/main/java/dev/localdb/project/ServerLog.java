package dev.localdb.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * the log is over its size limit it is moved to {@code server.log.1} (one earlier file is kept)
 * before the next run starts. Never read or written through a symbolic link.
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
			Path previous = log.resolveSibling(log.getFileName() + ".1");
			PrivateDirectory.requireNoLink(previous);
			Files.move(log, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
	 * Prints what is appended to the log from {@code offset} on, line by line, until {@code stop}
	 * says so; a log moved aside meanwhile (a new run rotated it) is followed from its start.
	 * @return where it stopped reading
	 */
	static long follow(Path log, long offset, Consumer<String> out,
			BooleanSupplier stop) throws IOException {
		long position = offset;
		Object inode = inode(log);
		StringBuilder partial = new StringBuilder();
		while (!stop.getAsBoolean()) {
			Object now = inode(log);
			if (now != null && !now.equals(inode)) {
				inode = now;
				position = 0;
			}
			if (now != null && Files.size(log) > position) {
				try (SeekableByteChannel file = Files.newByteChannel(log, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
					file.position(position);
					ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
					int read = file.read(buffer);
					if (read > 0) {
						position += read;
						partial.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
						int newline;
						while ((newline = partial.indexOf("\n")) >= 0) {
							out.accept(partial.substring(0, newline));
							partial.delete(0, newline + 1);
						}
						continue;
					}
				}
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
