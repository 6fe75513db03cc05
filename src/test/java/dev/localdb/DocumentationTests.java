package dev.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Examples a user copies work as written: a {@code --command} that uses {@code $PORT} is in single
 * quotes, so the user's own shell does not expand it (to nothing) before LocalDB sees it; an
 * install line works on a fresh home; the manual's help samples are what the code prints.
 */
class DocumentationTests {

	private static final Pattern COMMAND_HELP = Pattern.compile("\\$ localdb ([a-z -]+?) --help");

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

	@Test
	void installLinesCreateTheBinDirectoryFirst() throws IOException {
		for (Path text : List.of(Path.of("README.md"), Path.of("HELP.md"))) {
			List<String> links = Files.readAllLines(text).stream().filter(line -> line.contains("ln -s")).toList();
			assertThat(links).as(text.toString()).isNotEmpty().allSatisfy(line -> assertThat(line)
				.startsWith("mkdir -p ~/.local/bin && ln -s "));
		}
	}

	/**
	 * Each {@code $ localdb CMD --help} sample is CMD's help, and the {@code help} sample lists each
	 * command with its description as declared (it may list one that another branch adds).
	 */
	@Test
	void theManualsHelpSamplesAreWhatTheCodePrints() throws IOException {
		Map<String, DeclaredCommands> declared = DeclaredCommands.all();
		List<String> manual = Files.readAllLines(Path.of("HELP.md"));
		int samples = 0;
		for (int i = 0; i < manual.size(); i++) {
			Matcher help = COMMAND_HELP.matcher(manual.get(i));
			if (help.matches()) {
				DeclaredCommands command = declared.get(help.group(1));
				assertThat(command).as(manual.get(i)).isNotNull();
				assertThat(String.join("\n", output(manual, i))).as(manual.get(i)).isEqualTo(command.help().stripTrailing());
				samples++;
			}
			else if (manual.get(i).equals("$ localdb help")) {
				List<String> listed = output(manual, i).stream().filter(line -> line.startsWith("\t")).toList();
				// serve and version are not LocalDB's @Command methods: the client's and Spring Shell's
				List<String> expected = new ArrayList<>(List.of("\tserve: ", "\tversion: "));
				declared.values().forEach(command -> expected.add("\t" + command.name() + ": " + command.description()));
				expected.forEach(start -> assertThat(listed).as("the 'localdb help' sample lists %s", start)
					.anySatisfy(line -> assertThat(line).startsWith(start)));
				samples++;
			}
		}
		assertThat(samples).isGreaterThanOrEqualTo(2);
	}

	/** The lines after a {@code $ } line of a sample, up to the next command or the end of the block. */
	private static List<String> output(List<String> manual, int command) {
		List<String> lines = new ArrayList<>();
		for (int i = command + 1; i < manual.size() && !manual.get(i).startsWith("$ ") && !manual.get(i).startsWith("```"); i++) {
			lines.add(manual.get(i));
		}
		return lines;
	}

}
