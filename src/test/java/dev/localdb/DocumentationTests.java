package dev.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Examples a user copies work as written: a {@code --command} that uses {@code $PORT} is in single
 * quotes, so the user's own shell does not expand it (to nothing) before LocalDB sees it.
 */
class DocumentationTests {

	private static final Pattern EXPANDED_TOO_EARLY = Pattern.compile("--command \"[^\"]*\\$PORT");

	@Test
	void noExampleLetsTheUsersShellExpandPort() throws IOException {
		List<Path> texts;
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			texts = Stream.concat(Stream.of(Path.of("README.md"), Path.of("HELP.md")),
					sources.filter(path -> path.toString().endsWith(".java")))
				.toList();
		}
		for (Path text : texts) {
			assertThat(EXPANDED_TOO_EARLY.matcher(Files.readString(text)).find()).as(text.toString()).isFalse();
		}
	}

}
