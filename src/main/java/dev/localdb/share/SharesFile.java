package dev.localdb.share;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.os.AtomicFile;
import dev.localdb.registry.RuntimePaths;

/**
 * The daemon's shares as other processes of the home see them ({@code runtime/shares.json}: the
 * daemon's pid and each share's URL and state, never a password): {@code list} in the interactive
 * shell or with {@code --no-daemon} runs outside the daemon and shows them from here, while that
 * daemon lives.
 */
final class SharesFile {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SharesFile() {
	}

	record Recorded(long daemon, List<ShareStatus> shares) {
	}

	static Path of(RuntimePaths paths) {
		return paths.runtime().resolve("shares.json");
	}

	static void write(RuntimePaths paths, List<ShareStatus> shares) throws IOException {
		paths.ensureRuntime();
		AtomicFile.write(of(paths), JSON.writeValueAsBytes(new Recorded(ProcessHandle.current().pid(), shares)));
	}

	static void delete(RuntimePaths paths) throws IOException {
		AtomicFile.delete(of(paths));
	}

	/** The shares of the daemon that wrote the file, while it runs; none otherwise. */
	static List<ShareStatus> read(RuntimePaths paths) {
		try {
			return AtomicFile.read(of(paths))
				.map(bytes -> JSON.readValue(bytes, Recorded.class))
				.filter(recorded -> ProcessHandle.of(recorded.daemon()).map(ProcessHandle::isAlive).orElse(false))
				.map(Recorded::shares)
				.orElse(List.of());
		}
		catch (IOException | JacksonException ex) {
			return List.of();
		}
	}

}
