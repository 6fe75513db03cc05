package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** --env-file and --env: .env files as shells and dotenv tools read them, and a bad line named. */
class EnvFileTests {

	@TempDir
	Path work;

	@Test
	void envFilesReadAsShellsAndDotenvToolsDo() throws Exception {
		Path file = this.work.resolve(".env");
		Files.writeString(file, """
				# a comment, then a blank line

				export PLAIN=value with spaces   # trailing comment
				SINGLE='it is $NOT expanded'
				DOUBLE="line\\none \\"quoted\\" \\$HOME"
				  EMPTY=
				URL=postgres://u:p@h/db?x=1#frag
				""");
		assertThat(EnvFile.read(file)).containsExactly(Map.entry("PLAIN", "value with spaces"),
				Map.entry("SINGLE", "it is $NOT expanded"), Map.entry("DOUBLE", "line\none \"quoted\" $HOME"),
				Map.entry("EMPTY", ""), Map.entry("URL", "postgres://u:p@h/db?x=1#frag"));
		assertThat(EnvFile.assignment("A=b=c")).isEqualTo(Map.entry("A", "b=c"));
	}

	@Test
	void aBadLineIsAUsageErrorNamingTheFileAndLine() throws Exception {
		Path file = this.work.resolve("bad.env");
		Files.writeString(file, "GOOD=1\n\nno equals sign here\n");
		assertThatThrownBy(() -> EnvFile.read(file)).isInstanceOfSatisfying(LocalDbException.class, ex -> {
			assertThat(ex.failure()).isEqualTo(Failure.USAGE);
			assertThat(ex.getMessage()).startsWith(file + ":3: expected KEY=VALUE");
		});
		Files.writeString(file, "OK='unclosed\n");
		assertThatThrownBy(() -> EnvFile.read(file)).hasMessageStartingWith(file + ":1: the single quote is not closed");
		Files.writeString(file, "1BAD=x\n");
		assertThatThrownBy(() -> EnvFile.read(file)).hasMessageStartingWith(file + ":1: '1BAD' is not a variable name");
		assertThatThrownBy(() -> EnvFile.assignment("NOVALUE")).isInstanceOf(LocalDbException.class)
			.hasMessageContaining("--env takes KEY=VALUE");
	}

	@Test
	void aLoggedCommandLineShowsTheNamesOfEnvVariablesNeverTheirValues() {
		assertThat(EnvOptions.redacted(List.of("start", "api", "--env", "TOKEN=s3cret", "--env=KEY=v=1",
				"--command", "FOO=bar run")))
			.containsExactly("start", "api", "--env", "TOKEN=…", "--env=KEY=…", "--command", "FOO=bar run");
	}

}
