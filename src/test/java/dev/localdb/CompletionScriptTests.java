package dev.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** completions/localdb.bash, run in a real bash as TAB would run it. */
class CompletionScriptTests {

	@TempDir
	Path home;

	@Test
	void completesCommandsOptionsAndKnownProjects() throws Exception {
		for (String project : List.of("diary", "blog")) {
			Files.createDirectories(this.home.resolve("runtime/" + project + "/.studio"));
			Files.writeString(this.home.resolve("runtime/" + project + "/.studio/server.log"), "");
		}
		Files.createDirectories(this.home.resolve("runtime/failed/.studio"));
		Files.writeString(this.home.resolve("runtime/failed/.studio/.lock"), "");

		assertThat(complete("localdb st")).containsExactlyInAnyOrder("start", "stop");
		assertThat(complete("localdb stop ")).containsExactlyInAnyOrder("blog", "diary");
		assertThat(complete("localdb start d")).containsExactly("diary");
		assertThat(complete("localdb --no-daemon start d")).containsExactly("diary");
		assertThat(complete("localdb ports --c")).containsExactly("--cleanup");
		assertThat(complete("localdb start diary --p")).containsExactlyInAnyOrder("--port", "--ports");
		assertThat(complete("localdb start diary --restart ")).containsExactlyInAnyOrder("always", "on-failure", "no");
		assertThat(complete("localdb start diary --health ")).containsExactlyInAnyOrder("http", "tcp");
		assertThat(complete("localdb daemon ")).containsExactlyInAnyOrder("status", "stop", "restart", "install", "uninstall");
		assertThat(complete("localdb --")).containsExactlyInAnyOrder("--help", "--version", "--no-daemon");
	}

	/**
	 * Every command and every option its code declares is offered: the script cannot fall behind
	 * the code. (It may know a little more: options of commands that other branches add.)
	 */
	@Test
	void completesEveryDeclaredCommandAndEachOfItsOptions() throws Exception {
		Map<String, DeclaredCommands> declared = DeclaredCommands.all();
		assertThat(declared).containsKeys("start", "logs", "ports", "daemon status", "help");
		Set<String> firstWords = new TreeSet<>(List.of("version", "serve"));
		declared.keySet().forEach(name -> firstWords.add(name.split(" ")[0]));

		assertThat(complete("localdb ")).containsAll(firstWords);
		assertThat(complete("localdb help ")).containsAll(firstWords);
		for (DeclaredCommands command : declared.values()) {
			assertThat(complete("localdb " + command.name() + " -")).as(command.name())
				.containsAll(command.options())
				.contains("--no-daemon");
		}
	}

	private List<String> complete(String line) throws IOException, InterruptedException {
		String script = "source completions/localdb.bash\n" + "COMP_LINE='" + line + "'\n"
				+ "read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
				+ "[[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('')\n" + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
				+ "_localdb\n" + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
		builder.environment().put("LOCALDB_HOME", this.home.toString());
		Process bash = builder.start();
		String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return out.lines().filter(word -> !word.isEmpty()).toList();
	}

}
