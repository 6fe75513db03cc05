package dev.localdb.shell;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import dev.localdb.registry.ProjectName;
import dev.localdb.share.ShareRequest;
import dev.localdb.share.ShareStatus;
import dev.localdb.share.Shares;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * {@code share} and {@code unshare}: a project on a public URL through an SSH relay. The tunnel
 * lives in the daemon, so the command returns while the share goes on; a process that is not the
 * daemon ({@code --no-daemon}, the interactive shell) has no shares and says so.
 */
@Component
class ShareCommands {

	private final ObjectProvider<Shares> shares;

	ShareCommands(ObjectProvider<Shares> shares) {
		this.shares = shares;
	}

	@Command(name = "share", group = "Projects",
			description = "Open a running project to the internet through an SSH relay (e.g. 'share diary')",
			completionProvider = "projectsHoldingAPort", help = """
					share <project> [--via ssh://[user@]host[:port]] [--remote-port N] [--identity FILE] [--auth USER:PASSWORD] [--accept-new-host] [--keep] [--follow]
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
					Example: localdb share diary --via ssh://me@relay.example.com --remote-port 8080""")
	public void share(@Argument(index = 0, description = "project name") String project,
			@Option(longName = "via", description = "the SSH relay, ssh://[user@]host[:port]") String via,
			@Option(longName = "remote-port", description = "the port the relay listens on") Integer remotePort,
			@Option(longName = "identity", description = "the private key file") String identity,
			@Option(longName = "auth", description = "USER:PASSWORD for HTTP basic authentication") String auth,
			@Option(longName = "accept-new-host", description = "trust a relay not in known_hosts yet") Boolean acceptNewHost,
			@Option(longName = "keep", description = "share again after a daemon restart") Boolean keep,
			@Option(longName = "follow", description = "print each request until Ctrl-C") Boolean follow,
			CommandContext context) {
		Shares daemon = daemon("share " + project);
		Invocation invocation = Invocation.of(context);
		ShareRequest request = new ShareRequest(ProjectName.of(project), via, remotePort,
				identity == null ? null : invocation.directory().resolve(expandHome(identity, invocation)), auth,
				Boolean.TRUE.equals(acceptNewHost), Boolean.TRUE.equals(keep), agent(invocation));
		ShareStatus status = daemon.open(request);
		PrintWriter out = context.outputWriter();
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
					unshare <project>
					  Closes the tunnel 'localdb share' opened: the relay stops listening for the project.
					  Exits 3 when the project is not shared.
					Example: localdb unshare diary""")
	public void unshare(@Argument(index = 0, description = "project name") String project, CommandContext context) {
		ProjectName name = ProjectName.of(project);
		if (!daemon("unshare " + project).close(name)) {
			throw new LocalDbException(Failure.NOT_FOUND, project + " is not shared. See 'localdb list'.");
		}
		context.outputWriter().println("✓ " + name + " is no longer shared");
	}

	private Shares daemon(String command) {
		Shares shares = this.shares.getIfAvailable();
		if (shares == null) {
			throw new LocalDbException(Failure.USAGE, "share needs the LocalDB daemon, which keeps the tunnel open: run 'localdb "
					+ command + "' from your terminal, without --no-daemon and outside the interactive shell.");
		}
		return shares;
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
