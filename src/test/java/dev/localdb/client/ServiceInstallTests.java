package dev.localdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;

/** {@code daemon install | uninstall}: the unit written, the service manager asked, never the machine's own. */
class ServiceInstallTests {

	@TempDir
	Path tempDir;

	@TempDir
	Path userHome;

	@Test
	void installWritesASystemdUserUnitRunningThisDaemonAndEnablesItIdempotently() throws Exception {
		Path calls = this.userHome.resolve("systemctl-calls");
		Path systemctl = this.userHome.resolve("fake-systemctl");
		Files.writeString(systemctl, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
		systemctl.toFile().setExecutable(true);
		Path config = this.userHome.resolve("config");
		Map<String, String> env = Map.of("HOME", this.userHome.toString(), "XDG_CONFIG_HOME", config.toString());
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			home.with("-Dlocaldb.client.systemctl=" + systemctl);
			// a daemon a client started holds the home's lock: it gives way to the service's
			assertThat(home.run("list").exitCode()).isZero();
			assertThat(home.daemons()).hasSize(1);
			Result installed = home.run(env, "daemon", "install");
			assertThat(installed.exitCode()).as(installed.stderr()).isZero();
			Path unit = config.resolve("systemd/user/localdb.service");
			assertThat(installed.stdout()).startsWith("✓ wrote " + unit + "\n")
				.contains("✓ ran: " + systemctl + " --user enable --now localdb.service", "loginctl enable-linger $USER");
			assertThat(installed.stdout().indexOf("✓ LocalDB daemon stopped")).as(installed.stdout())
				.isPositive()
				.isLessThan(installed.stdout().indexOf("--user enable --now"));
			String text = Files.readString(unit);
			assertThat(text).contains("Environment=LOCALDB_HOME=" + this.tempDir + "\n", "Restart=on-failure\n",
					"KillMode=process\n", "WantedBy=default.target\n",
					"StandardOutput=append:" + this.tempDir.resolve("logs/daemon.log") + "\n");
			String exec = text.lines().filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow();
			// the command a client starts a daemon with, but one that does not exit when idle
			assertThat(exec).contains("-Dlocaldb.home=" + this.tempDir, "-Dlocaldb.daemon.fingerprint=",
					"-Dserver.port=" + home.webPort(), " -cp ", LocalDbClient.class.getName() + " serve")
				.doesNotContain("auto-started");
			assertThat(Files.readAllLines(calls)).containsExactly("--user daemon-reload",
					"--user enable --now localdb.service");
			assertThat(home.daemons()).as("install starts no daemon itself: the service manager does").isEmpty();

			Result again = home.run(env, "daemon", "install");
			assertThat(again.stdout()).startsWith("✓ " + unit + " is already installed, unchanged.\n");
			assertThat(Files.readString(unit)).isEqualTo(text);

			Result removed = home.run(env, "daemon", "uninstall");
			assertThat(removed.exitCode()).as(removed.stderr()).isZero();
			assertThat(removed.stdout()).contains("✓ ran: " + systemctl + " --user disable --now localdb.service",
					"✓ removed " + unit);
			assertThat(unit).doesNotExist();
			assertThat(Files.readAllLines(calls)).endsWith("--user disable --now localdb.service", "--user daemon-reload");
			assertThat(home.run(env, "daemon", "uninstall").stdout()).isEqualTo("✓ Not installed: there is no " + unit + ".\n");
		}
	}

	@Test
	void withoutSystemdTheUnitIsWrittenAndTheCommandsToRunAreNamed() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ServiceInstall install = new ServiceInstall(Map.of("HOME", this.userHome.toString()), "Linux", command -> {
			throw new IOException("No such file or directory");
		}, new PrintStream(out, true, StandardCharsets.UTF_8));
		assertThat(install.install(List.of("/usr/bin/java", "-cp", "/a b/c.jar", "Main", "serve"), this.tempDir)).isZero();
		Path unit = this.userHome.resolve(".config/systemd/user/localdb.service");
		assertThat(Files.readString(unit)).contains("ExecStart=/usr/bin/java -cp \"/a b/c.jar\" Main serve\n");
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("! could not run systemctl --user daemon-reload",
				"systemctl --user daemon-reload && systemctl --user enable --now localdb.service");
	}

	@Test
	void onMacOsALaunchAgentIsWrittenAndLoaded() throws IOException {
		List<List<String>> ran = new ArrayList<>();
		ServiceInstall install = new ServiceInstall(Map.of("HOME", this.userHome.toString()), "Mac OS X", command -> {
			ran.add(command);
			return 0;
		}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		install.install(List.of("/usr/bin/java", "-jar", "/opt/localdb.jar", "serve"), this.tempDir);
		Path plist = this.userHome.resolve("Library/LaunchAgents/dev.localdb.daemon.plist");
		assertThat(Files.readString(plist)).contains("<string>dev.localdb.daemon</string>",
				"\t\t<string>/opt/localdb.jar</string>\n", "<key>LOCALDB_HOME</key>\n\t\t<string>" + this.tempDir + "</string>",
				"<key>RunAtLoad</key>\n\t<true/>");
		assertThat(ran).containsExactly(List.of("launchctl", "load", "-w", plist.toString()));
		install.uninstall();
		assertThat(plist).doesNotExist();
		assertThat(ran).last().isEqualTo(List.of("launchctl", "unload", "-w", plist.toString()));
	}

}
