package dev.localdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
	void theNativeHeapIsTrimmedOnlyWhereTheJvmKnowsTheOption() {
		assertThat(DaemonCommand.nativeHeapTrim(Runtime.Version.parse("17.0.8"))).isEmpty();
		assertThat(DaemonCommand.nativeHeapTrim(Runtime.Version.parse("17.0.9"))).contains("-XX:TrimNativeHeapInterval=10000");
		assertThat(DaemonCommand.nativeHeapTrim(Runtime.Version.parse("20.0.2"))).isEmpty();
		assertThat(DaemonCommand.nativeHeapTrim(Runtime.Version.parse("21"))).isEmpty();
		assertThat(DaemonCommand.nativeHeapTrim(Runtime.Version.parse("21.0.1"))).isNotEmpty();
		assertThat(DaemonCommand.nativeHeapTrim(Runtime.Version.parse("25"))).isNotEmpty();
	}

	/** The JVM that runs the tests takes the daemon's options (an unknown one would keep the daemon from starting). */
	@Test
	void thisJvmAcceptsTheDaemonsOptions() throws Exception {
		List<String> command = new ArrayList<>(DaemonCommand.of("b/c/s", Path.of("/tmp/home")));
		int options = command.indexOf("-Dlocaldb.home=/tmp/home");
		List<String> check = new ArrayList<>(command.subList(0, options));
		check.add("-version");
		Process java = new ProcessBuilder(check).redirectErrorStream(true).start();
		String said = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(java.exitValue()).as(said).isZero();
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
