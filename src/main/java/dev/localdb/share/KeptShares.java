package dev.localdb.share;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.os.AtomicFile;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.LocalDbException;

/**
 * Shares started with {@code --keep}, remembered in the project's runtime directory
 * ({@code share.json}, mode 0600: it may hold the share's password), written whole by a rename and
 * never read or written through a symbolic link, so the daemon resumes them when it starts again.
 */
final class KeptShares {

	private static final String FILE = "share.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RuntimePaths paths;

	KeptShares(RuntimePaths paths) {
		this.paths = paths;
	}

	/** What is kept of a request: the agent socket is the daemon's own when it resumes. */
	record Kept(String project, String via, Integer remotePort, String identity, String auth) {

		static Kept of(ShareRequest request) {
			return new Kept(request.project().value(), request.via(), request.remotePort(),
					request.identity() == null ? null : request.identity().toString(), request.auth());
		}

		ShareRequest request(Path agent) {
			return new ShareRequest(ProjectName.of(this.project), this.via, this.remotePort,
					this.identity == null ? null : Path.of(this.identity), this.auth, false, true, agent);
		}

	}

	void save(ShareRequest request) {
		Path file = this.paths.ensureStudioDir(request.project()).resolve(FILE);
		try {
			AtomicFile.write(file, JSON.writeValueAsBytes(Kept.of(request)));
		}
		catch (IOException ex) {
			throw LocalDbException.storage("write", file, ex);
		}
	}

	void forget(ProjectName project) {
		try {
			AtomicFile.delete(this.paths.studioDir(project).resolve(FILE));
		}
		catch (IOException | LocalDbException ex) {
			// forgotten with the project's directory, or unreadable: nothing to resume either way
		}
	}

	boolean isKept(ProjectName project) {
		return read(project).isPresent();
	}

	/** Every kept share under the runtime directory; unreadable ones are left out. */
	List<Kept> all() {
		List<Kept> kept = new ArrayList<>();
		Path runtime = this.paths.runtime();
		if (!Files.isDirectory(runtime, LinkOption.NOFOLLOW_LINKS)) {
			return kept;
		}
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runtime)) {
			for (Path dir : dirs) {
				String name = dir.getFileName().toString();
				if (ProjectName.isValid(name)) {
					read(ProjectName.of(name)).ifPresent(kept::add);
				}
			}
		}
		catch (IOException ex) {
			// no runtime directory to read: nothing to resume
		}
		return kept;
	}

	private Optional<Kept> read(ProjectName project) {
		try {
			Path file = this.paths.studioDir(project).resolve(FILE);
			return AtomicFile.read(file).map(bytes -> JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Kept.class));
		}
		catch (IOException | JacksonException | LocalDbException ex) {
			return Optional.empty();
		}
	}

}
