package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;

/**
 * {@code localdb --help}, {@code -h}, {@code --version} and {@code -V} as a user runs them: through
 * the client and a real daemon, which runs them as {@code help} and {@code version}.
 */
class TopLevelOptionsThroughDaemonTests {

	@TempDir
	Path tempDir;

	@Test
	void helpAndVersionOptionsWorkThroughTheDaemon() throws Exception {
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			Result help = home.run("help");
			assertThat(help.exitCode()).as(help.stderr()).isZero();
			assertThat(help.stdout()).contains("LocalDB port manager. Commands:", "start: ");
			assertThat(home.daemons()).as("a daemon ran the commands").hasSize(1);

			for (String option : new String[] { "--help", "-h" }) {
				Result result = home.run(option);
				assertThat(result.exitCode()).as(option + ": " + result.stderr()).isZero();
				assertThat(result.stdout()).as(option).isEqualTo(help.stdout());
			}
			Result version = home.run("version");
			assertThat(version.exitCode()).as(version.stderr()).isZero();
			assertThat(version.stdout()).contains("Version: ");
			for (String option : new String[] { "--version", "-V" }) {
				Result result = home.run(option);
				assertThat(result.exitCode()).as(option + ": " + result.stderr()).isZero();
				assertThat(result.stdout()).as(option).isEqualTo(version.stdout());
			}
			assertThat(home.daemons()).hasSize(1);
		}
	}

}
