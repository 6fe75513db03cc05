package dev.localdb.shell;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.share.ShareRequest;
import dev.localdb.share.ShareStatus;
import dev.localdb.share.Shares;
import dev.localdb.system.Failure;
import dev.localdb.system.LaunchMode;
import dev.localdb.system.LocalDbException;

/**
 * {@code share} and {@code unshare}: a project on a public URL through an SSH relay. The tunnel
 * lives in the daemon, so the command returns while the share goes on; the interactive shell sends
 * these commands to its daemon, and a process with none ({@code --no-daemon}) says so.
 */
@Component
class ShareCommands {

	private final ObjectProvider<Shares> shares;

	private final RuntimePaths paths;

	private final Environment environment;

	private final JsonMapper json;

	ShareCommands(ObjectProvider<Shares> shares, RuntimePaths paths, Environment environment, JsonMapper json) {
		this.json = json;
		this.shares = shares;
		this.paths = paths;
		this.environment = environment;
	}

	@Command(name = "share", group = "Projects",
			description = "Open a running project to the internet through an SSH relay (e.g. 'share diary')",
			completionProvider = "projectsHoldingAPort", help = """
					share <project> [--via ssh://[user@]host[:port]] [--remote-port N] [--identity FILE] [--auth USER:PASSWORD] [--accept-new-host] [--keep] [--follow] [--json]
					  Asks an SSH server to listen for the project (like 'ssh -R') and prints its public URL:
					  the one the relay prints (localhost.run and its kind), else http://<host>:<port>/.
					  Only this project is reachable through it. The daemon keeps the tunnel, reconnects it
					  when it drops, and closes it when the project stops or with 'localdb unshare'.
					  --via URL         the relay (localdb.share.via; default ssh://nokey@localhost.run)
					  --remote-port N   the port it listens on (default 80, what public relays expect; 0: it picks)
					  --identity FILE   the private key (default ~/.ssh/id_ed25519, id_ecdsa, id_rsa; and your agent)
					  --auth USER:PASSWORD  HTTP basic authentication for everyone coming through the share
					  --accept-new-host trust a relay not yet in ~/.ssh/known_hosts and add it there
					  --keep            share again when the daemon restarts
					  --follow          stay and print each request, until Ctrl-C (the share goes on)
					  --json            print the share as one JSON object (project, url, via, state, auth, keep)
					Example: localdb share diary --via ssh://me@relay.example.com --remote-port 8080""")
	public void share(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "via", description = "the SSH relay, ssh://[user@]host[:port]") String via,
			@Option(longName = "remote-port", description = "the port the relay listens on") Integer remotePort,
			@Option(longName = "identity", description = "the private key file") String identity,
			@Option(longName = "auth", description = "USER:PASSWORD for HTTP basic authentication") String auth,
			@Option(longName = "accept-new-host", description = "trust a relay not in known_hosts yet") Boolean acceptNewHost,
			@Option(longName = "keep", description = "share again after a daemon restart") Boolean keep,
			@Option(longName = "follow", description = "print each request until Ctrl-C") Boolean follow,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		if (Boolean.TRUE.equals(asJson) && Boolean.TRUE.equals(follow)) {
			throw new CommandLine.UsageException("--json prints one document and --follow goes on printing: give one of them.");
		}
		Shares daemon = this.shares.getIfAvailable();
		if (daemon == null) {
			List<String> words = new ArrayList<>(List.of("share", project));
			option(words, "--via", via);
			option(words, "--remote-port", remotePort);
			option(words, "--identity", identity);
			option(words, "--auth", auth);
			flag(words, "--accept-new-host", acceptNewHost);
			flag(words, "--keep", keep);
			flag(words, "--follow", follow);
			flag(words, "--json", asJson);
			forward(words, context);
			return;
		}
		Invocation invocation = Invocation.of(context);
		ShareRequest request = new ShareRequest(ProjectName.of(project), via, remotePort,
				identity == null ? null : invocation.directory().resolve(expandHome(identity, invocation)), auth,
				Boolean.TRUE.equals(acceptNewHost), Boolean.TRUE.equals(keep), agent(invocation));
		ShareStatus status = daemon.open(request);
		PrintWriter out = context.outputWriter();
		if (Boolean.TRUE.equals(asJson)) {
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(status));
			return;
		}
		out.println("✓ " + status.project() + " is shared at " + status.url());
		out.println("  through " + status.via() + (status.auth() ? ", with basic authentication" : "")
				+ (status.keep() ? ", kept across daemon restarts" : "") + "; stop with 'localdb unshare " + project + "'");
		out.flush();
		if (Boolean.TRUE.equals(follow)) {
			daemon.follow(status.project(), line -> {
				out.println(line);
				out.flush();
			}, () -> invocation.isCancelled() || out.checkError());
		}
	}

	@Command(name = "unshare", group = "Projects", description = "Close a project's share (e.g. 'unshare diary')",
			completionProvider = "projectNames", help = """
					unshare <project> [--json]
					  Closes the tunnel 'localdb share' opened: the relay stops listening for the project.
					  Exits 3 when the project is not shared.
					  --json  print one JSON object: the project and shared (false)
					Example: localdb unshare diary""")
	public void unshare(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		ProjectName name = ProjectName.of(project);
		Shares daemon = this.shares.getIfAvailable();
		if (daemon == null) {
			forward(Boolean.TRUE.equals(asJson) ? List.of("unshare", project, "--json") : List.of("unshare", project), context);
			return;
		}
		if (!daemon.close(name)) {
			throw new LocalDbException(Failure.NOT_FOUND, project + " is not shared. See 'localdb list'.");
		}
		if (Boolean.TRUE.equals(asJson)) {
			context.outputWriter().println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(new Unshared(name, false)));
			return;
		}
		context.outputWriter().println("✓ " + name + " is no longer shared");
	}

	/**
	 * This process is not the daemon: an interactive shell that has one sends it the command; any
	 * other process ({@code --no-daemon}, a shell without a daemon) cannot keep a tunnel open.
	 */
	private void forward(List<String> words, CommandContext context) {
		boolean shellWithDaemon = Boolean.getBoolean(LaunchMode.WITH_DAEMON)
				&& LaunchMode.from(this.environment.getProperty(LaunchMode.PROPERTY)) == LaunchMode.INTERACTIVE;
		if (!shellWithDaemon) {
			throw new LocalDbException(Failure.USAGE, "share needs the LocalDB daemon, which keeps the tunnel open: run 'localdb "
					+ words.get(0) + " " + words.get(1) + "' from your terminal, without --no-daemon.");
		}
		int status = DaemonForward.run(this.paths.home(), words, Invocation.of(context), context.outputWriter());
		if (status != 0) {
			// the daemon said what went wrong, on this shell's screen
			throw new CommandExit(status);
		}
	}

	/** What {@code unshare --json} prints. */
	record Unshared(ProjectName project, boolean shared) {
	}

	private static void option(List<String> words, String name, Object value) {
		if (value != null) {
			words.add(name);
			words.add(value.toString());
		}
	}

	private static void flag(List<String> words, String name, Boolean value) {
		if (Boolean.TRUE.equals(value)) {
			words.add(name);
		}
	}

	private static Path agent(Invocation invocation) {
		String socket = invocation.environment().get("SSH_AUTH_SOCK");
		return socket == null || socket.isBlank() || !Files.exists(Path.of(socket)) ? null : Path.of(socket);
	}

	private static String expandHome(String file, Invocation invocation) {
		String home = invocation.environment().getOrDefault("HOME", System.getProperty("user.home"));
		return file.equals("~") ? home : file.startsWith("~/") ? home + file.substring(1) : file;
	}

}
