package dev.localdb.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A followed log read from an offset on each tick, across a new run's rotation to server.log.1. */
class LogTailTests {

	@TempDir
	Path dir;

	@Test
	void readsOnlyWhatWasAppendedAndWholeLinesOnly() throws Exception {
		Path log = Files.writeString(this.dir.resolve("server.log"), "old line\n");
		LogTail tail = new LogTail(log);
		assertThat(tail.readNew()).isEmpty();

		append(log, "first\nsec");
		assertThat(tail.readNew()).containsExactly("first");
		append(log, "ond\n");
		assertThat(tail.readNew()).containsExactly("second");
		assertThat(tail.readNew()).isEmpty();
	}

	@Test
	void aRotationGivesTheRestOfTheOldFileThenTheNewOneFromItsStart() throws Exception {
		Path log = Files.writeString(this.dir.resolve("server.log"), "run 1\n");
		LogTail tail = new LogTail(log);
		append(log, "last of run 1\n");
		Files.move(log, this.dir.resolve("server.log.1"), StandardCopyOption.ATOMIC_MOVE);
		Files.writeString(log, "run 2\n");

		assertThat(tail.readNew()).containsExactly("last of run 1", "run 2");
		append(log, "more of run 2\n");
		assertThat(tail.readNew()).containsExactly("more of run 2");
	}

	/** The daemon's rotation of a running server's log: copied to a new .1, emptied, the copy renamed last. */
	@Test
	void aCopyAndTruncateRotationGivesTheRestFromTheCopyThenTheLogFromItsStart() throws Exception {
		Path log = Files.writeString(this.dir.resolve("server.log"), "line 1\n");
		Files.writeString(this.dir.resolve("server.log.1"), "an older rotation\n");
		LogTail tail = new LogTail(log);
		append(log, "line 2\nline");
		assertThat(tail.readNew()).containsExactly("line 2");
		append(log, " 3\nline 4\n");

		Path copy = this.dir.resolve("server.log.rotating");
		Files.copy(log, copy);
		try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
			channel.truncate(0);
		}
		append(log, "line 5\n");
		assertThat(tail.readNew()).as("emptied, its copy not yet .1: wait").isEmpty();
		Files.move(this.dir.resolve("server.log.1"), this.dir.resolve("server.log.2"));
		Files.move(copy, this.dir.resolve("server.log.1"), StandardCopyOption.ATOMIC_MOVE);

		assertThat(tail.readNew()).containsExactly("line 3", "line 4", "line 5");
		append(log, "line 6\n");
		assertThat(tail.readNew()).containsExactly("line 6");
	}

	@Test
	void aLogThatDoesNotExistYetIsFollowedFromItsStartOnceItDoes() throws Exception {
		Path log = this.dir.resolve("server.log");
		LogTail tail = new LogTail(log);
		assertThat(tail.readNew()).isEmpty();
		Files.writeString(log, "first run\n");
		assertThat(tail.readNew()).containsExactly("first run");
	}

	private static void append(Path log, String text) throws Exception {
		Files.writeString(log, text, StandardOpenOption.APPEND);
	}

}
