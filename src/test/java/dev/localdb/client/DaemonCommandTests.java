package dev.localdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DaemonCommandTests {

	@Test
	void anOutOfMemoryErrorEndsTheDaemonInsteadOfLeavingItHalfDead() {
		List<String> command = DaemonCommand.of("b/c/s", Path.of("/tmp/home"));

		assertThat(command).contains("-XX:+ExitOnOutOfMemoryError", "-Dlocaldb.daemon.fingerprint=b/c/s",
				"-Dlocaldb.daemon.auto-started=true", "-Dlocaldb.home=/tmp/home");
		assertThat(command.get(command.size() - 1)).isEqualTo("serve");
	}

}
