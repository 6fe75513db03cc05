package dev.localdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonCommandTests {

	@TempDir
	Path fast;

	@Test
	void anOutOfMemoryErrorEndsTheDaemonInsteadOfLeavingItHalfDead() {
		List<String> command = DaemonCommand.of("b/c/s", Path.of("/tmp/home"));

		assertThat(command).contains("-XX:+ExitOnOutOfMemoryError", "-Dlocaldb.daemon.fingerprint=b/c/s",
				"-Dlocaldb.daemon.auto-started=true", "-Dlocaldb.home=/tmp/home");
		assertThat(command.get(command.size() - 1)).isEqualTo("serve");
	}

	@Test
	void theDaemonStartsWithTheArchiveTrainedOnADaemonWhenThereIsOne() throws IOException {
		Path commands = Files.createFile(this.fast.resolve("app.jsa"));
		assertThat(DaemonCommand.daemonArchive(commands.toString())).isEqualTo(commands.toString());

		Path daemon = Files.createFile(this.fast.resolve("daemon.jsa"));
		assertThat(DaemonCommand.daemonArchive(commands.toString())).isEqualTo(daemon.toString());

		Path cache = Files.createFile(this.fast.resolve("app.aot"));
		assertThat(DaemonCommand.daemonArchive(cache.toString())).isEqualTo(cache.toString());
		assertThat(DaemonCommand.daemonArchive("")).isEmpty();
	}

}
