package dev.localdb.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.localdb.os.LoginService;

/**
 * {@code localdb daemon install | uninstall}: the daemon started by the user's service manager at
 * login (and at boot, with lingering), a systemd user unit on Linux and a launchd agent on macOS.
 * The service manager is run through a {@link Runner}: tests put a stand-in there, never the
 * machine's own {@code systemctl}, whose name {@code -Dlocaldb.client.systemctl} (and
 * {@code localdb.client.launchctl}) can change.
 */
final class ServiceInstall {

	static final String UNIT = LoginService.UNIT;

	static final String AGENT = LoginService.AGENT;

	/** Runs a command to completion; its output goes to the user. */
	@FunctionalInterface
	interface Runner {

		/** @return its exit status; throws when it cannot be run at all (not installed) */
		int run(List<String> command) throws IOException;

	}

	private final Map<String, String> environment;

	private final boolean mac;

	private final Runner runner;

	private final PrintStream out;

	ServiceInstall(Map<String, String> environment, String osName, Runner runner, PrintStream out) {
		this.environment = environment;
		this.mac = osName.toLowerCase(Locale.ROOT).startsWith("mac");
		this.runner = runner;
		this.out = out;
	}

	/** For this machine: its service manager, its user's home. */
	static ServiceInstall forThisMachine(PrintStream out) {
		return new ServiceInstall(System.getenv(), System.getProperty("os.name", ""), command -> {
			ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
			try {
				return builder.start().waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
		}, out);
	}

	/** The unit (or agent) file of this user. */
	Path file() {
		return LoginService.of(this.environment, this.mac ? "mac" : "linux").file();
	}

	/**
	 * Writes the unit for a daemon of {@code home} run as {@code command}, then enables and starts it.
	 * @return the exit status
	 */
	int install(List<String> command, Path home) throws IOException {
		return install(command, home, () -> {
		});
	}

	/**
	 * @param beforeStart run before the service manager starts the daemon: a daemon that runs for
	 * this home holds its lock, and the service's daemon would fail to start beside it
	 */
	int install(List<String> command, Path home, Runnable beforeStart) throws IOException {
		Path file = file();
		String text = this.mac ? plist(command, home) : unit(command, home);
		boolean same = Files.isRegularFile(file) && Files.readString(file).equals(text);
		if (same) {
			this.out.println("✓ " + file + " is already installed, unchanged.");
		}
		else {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
			this.out.println("✓ wrote " + file);
		}
		if (this.mac) {
			beforeStart.run();
			List<String> load = List.of(tool("launchctl"), "load", "-w", file.toString());
			if (!run(load)) {
				this.out.println("  Load it yourself: launchctl load -w " + file);
			}
			return 0;
		}
		List<String> reload = systemctl("daemon-reload");
		List<String> enable = systemctl("enable", "--now", UNIT);
		boolean reloaded = run(reload);
		if (reloaded) {
			beforeStart.run();
		}
		if (!reloaded || !run(enable)) {
			this.out.println("  systemd does not run for your user here. Where it does, run:");
			this.out.println("    systemctl --user daemon-reload && systemctl --user enable --now " + UNIT);
			return 0;
		}
		this.out.println("  The daemon starts at your login. To start it at boot, before you log in, run once:");
		this.out.println("    loginctl enable-linger $USER");
		return 0;
	}

	/** Stops and disables the daemon's unit, then removes it. @return the exit status */
	int uninstall() throws IOException {
		Path file = file();
		if (!Files.exists(file)) {
			this.out.println("✓ Not installed: there is no " + file + ".");
			return 0;
		}
		if (this.mac) {
			run(List.of(tool("launchctl"), "unload", "-w", file.toString()));
			Files.delete(file);
			this.out.println("✓ removed " + file);
			return 0;
		}
		boolean disabled = run(systemctl("disable", "--now", UNIT));
		Files.delete(file);
		this.out.println("✓ removed " + file);
		if (disabled) {
			run(systemctl("daemon-reload"));
		}
		else {
			this.out.println("  systemd does not run for your user here; nothing else to undo.");
		}
		return 0;
	}

	private List<String> systemctl(String... args) {
		List<String> command = new ArrayList<>(List.of(tool("systemctl"), "--user"));
		command.addAll(List.of(args));
		return command;
	}

	private static String tool(String name) {
		return System.getProperty("localdb.client." + name, name);
	}

	/** Runs it and says what was run and how it went; false when it failed or is not there. */
	private boolean run(List<String> command) {
		String shown = String.join(" ", command);
		try {
			int status = this.runner.run(command);
			this.out.println(status == 0 ? "✓ ran: " + shown : "! " + shown + " failed (exit status " + status + ")");
			return status == 0;
		}
		catch (IOException ex) {
			this.out.println("! could not run " + shown + ": " + ex.getMessage());
			return false;
		}
	}

	/**
	 * The systemd unit. {@code KillMode=process}: the project servers are the daemon's children, in
	 * its control group, and must keep running when the daemon stops, as they do without systemd.
	 */
	static String unit(List<String> command, Path home) {
		StringBuilder exec = new StringBuilder();
		for (String word : command) {
			exec.append(exec.isEmpty() ? "" : " ").append(systemdWord(word));
		}
		return """
				# Written by 'localdb daemon install'; removed by 'localdb daemon uninstall'.
				[Unit]
				Description=LocalDB daemon (LOCALDB_HOME=%1$s)

				[Service]
				Type=simple
				Environment=%2$s
				WorkingDirectory=%3$s
				ExecStart=%4$s
				Restart=on-failure
				RestartSec=2
				KillMode=process
				StandardOutput=append:%5$s
				StandardError=inherit

				[Install]
				WantedBy=default.target
				""".formatted(home, systemdWord("LOCALDB_HOME=" + home), systemdWord(home.toString()), exec,
				home.resolve("logs/daemon.log"));
	}

	/** One word of a unit's command line: quoted when needed; % and $ are systemd's own. */
	static String systemdWord(String word) {
		String escaped = word.replace("%", "%%").replace("$", "$$");
		if (escaped.isEmpty() || escaped.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\' || c == '\'')) {
			return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
		}
		return escaped;
	}

	/** The launchd agent: started at login and again when it fails. */
	static String plist(List<String> command, Path home) {
		StringBuilder arguments = new StringBuilder();
		command.forEach(word -> arguments.append("\t\t<string>").append(xml(word)).append("</string>\n"));
		String log = xml(home.resolve("logs/daemon.log").toString());
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
				<!-- Written by 'localdb daemon install'; removed by 'localdb daemon uninstall'. -->
				<plist version="1.0">
				<dict>
					<key>Label</key>
					<string>%1$s</string>
					<key>ProgramArguments</key>
					<array>
				%2$s	</array>
					<key>EnvironmentVariables</key>
					<dict>
						<key>LOCALDB_HOME</key>
						<string>%3$s</string>
					</dict>
					<key>WorkingDirectory</key>
					<string>%3$s</string>
					<key>RunAtLoad</key>
					<true/>
					<key>KeepAlive</key>
					<dict>
						<key>SuccessfulExit</key>
						<false/>
					</dict>
					<key>AbandonProcessGroup</key>
					<true/>
					<key>StandardOutPath</key>
					<string>%4$s</string>
					<key>StandardErrorPath</key>
					<string>%4$s</string>
				</dict>
				</plist>
				""".formatted(AGENT, arguments, xml(home.toString()), log);
	}

	private static String xml(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
