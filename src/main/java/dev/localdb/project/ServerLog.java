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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
