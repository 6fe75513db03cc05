package dev.localdb.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import dev.localdb.registry.RuntimePaths;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;
import dev.localdb.wire.DaemonLifecycle;

/**
 * {@code daemon status | stop | restart | install | uninstall} in the shell and with {@code --no-daemon}: the same
 * {@link DaemonLifecycle} the client runs for {@code localdb daemon ...}.
 */
@Component
class DaemonCommands {

	private final RuntimePaths paths;

	private final DaemonLifecycle lifecycle;

	DaemonCommands(RuntimePaths paths, DaemonLifecycle lifecycle) {
		this.paths = paths;
		this.lifecycle = lifecycle;
	}

	@Command(name = { "daemon", "status" }, group = "Daemon",
			description = "Show the LocalDB daemon: pid, socket, web address, log (e.g. 'daemon status')", help = """
					daemon status [--json]
					  The LocalDB daemon runs commands, the web server (actuator) and the hourly cleanup for
					  this LOCALDB_HOME. Shows its pid, socket, web address and log; exits 3 when none runs.
					  --json  print one JSON object: running, home, version, pid, startedAt, socket, web, log
					          (only running and home, and exit 3, when none runs)
					Example: localdb daemon status""")
	public void status(@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		control(context, Boolean.TRUE.equals(asJson) ? List.of("status", "--json") : List.of("status"));
	}

	@Command(name = { "daemon", "stop" }, group = "Daemon",
			description = "Stop the LocalDB daemon; projects keep running (e.g. 'daemon stop')", help = """
					daemon stop
					  Stops the daemon gracefully: commands under way finish first; projects keep running.
					  The next command starts a new one.
					Example: localdb daemon stop""")
	public void stop(CommandContext context) {
		control(context, "stop");
	}

	@Command(name = { "daemon", "restart" }, group = "Daemon",
			description = "Stop the LocalDB daemon and start a new one (e.g. after an upgrade)", help = """
					daemon restart
					  Starts a new daemon with this build and these settings; once its settings prove valid it
					  replaces the running one (a bad setting is an error, and the running one stays).
					Example: localdb daemon restart""")
	public void restart(CommandContext context) {
		control(context, "restart");
	}

	@Command(name = { "daemon", "install" }, group = "Daemon",
			description = "Start the LocalDB daemon at login: a systemd user unit, or a launchd agent (e.g. 'daemon install')",
			help = """
					daemon install
					  Writes ~/.config/systemd/user/localdb.service (macOS: ~/Library/LaunchAgents/dev.localdb.daemon.plist)
					  that runs this daemon for this LOCALDB_HOME, restarted when it fails, and enables and
					  starts it with systemctl --user (launchctl load). Without systemd it writes the unit and
					  says what to run. With it, projects started with --restart always come back after a reboot.
					Example: localdb daemon install && loginctl enable-linger $USER""")
	public void install(CommandContext context) {
		control(context, "install");
	}

	@Command(name = { "daemon", "uninstall" }, group = "Daemon",
			description = "Stop starting the LocalDB daemon at login: disable and remove its unit (e.g. 'daemon uninstall')",
			help = """
					daemon uninstall
					  Disables and stops the unit 'daemon install' wrote (systemctl --user disable --now;
					  launchctl unload), then removes it. Projects keep running; the next command starts a daemon.
					Example: localdb daemon uninstall""")
	public void uninstall(CommandContext context) {
		control(context, "uninstall");
	}

	private void control(CommandContext context, String action) {
		control(context, List.of(action));
	}

	private void control(CommandContext context, List<String> words) {
		String action = words.get(0);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = this.lifecycle.control(this.paths.home(), words,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		context.outputWriter().print(out.toString(StandardCharsets.UTF_8));
		context.outputWriter().flush();
		String notes = err.toString(StandardCharsets.UTF_8);
		if (!notes.isEmpty()) {
			PrintWriter stderr = Invocation.of(context).err();
			stderr.print(notes);
			stderr.flush();
		}
		if (status == Failure.NOT_FOUND.exitCode()) {
			throw new LocalDbException(Failure.NOT_FOUND, "No LocalDB daemon runs; the next command starts one.");
		}
		if (status != 0) {
			throw new LocalDbException(Failure.INTERNAL, "The daemon could not be " + action + "ed; see its log in "
					+ this.paths.home().resolve("logs/daemon.log") + ".");
		}
	}

}
