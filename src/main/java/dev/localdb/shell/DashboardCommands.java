package dev.localdb.shell;

import java.io.PrintWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import dev.localdb.os.BrowserOpener;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.web.AccessToken;
import dev.localdb.web.WebPort;

/**
 * {@code dashboard}: the dashboard's address with its token, the one way into the page. The token
 * is read from the 0600 file only this user can read, so no other user of the machine gets it.
 */
@Component
class DashboardCommands {

	private final RuntimePaths paths;

	private final BrowserOpener browser;

	private final Environment environment;

	private final ObjectProvider<WebPort> web;

	DashboardCommands(RuntimePaths paths, BrowserOpener browser, Environment environment, ObjectProvider<WebPort> web) {
		this.paths = paths;
		this.browser = browser;
		this.environment = environment;
		this.web = web;
	}

	@Command(name = "dashboard", group = "Ports",
			description = "Open the dashboard in your browser (e.g. 'dashboard', 'dashboard --no-browser')", help = """
					dashboard [--no-browser]
					  Prints the dashboard's address with its token and opens it in your browser. The
					  browser swaps the token for a cookie; the token stays valid across daemon restarts.
					  Only you can open it: the token is in a file only you can read, and the daemon
					  refuses other users of the machine.
					  --no-browser   only print the address
					Example: localdb dashboard""")
	public void dashboard(@Option(longName = "no-browser", description = "do not open a browser") Boolean noBrowser,
			CommandContext context) {
		WebPort served = this.web.getIfAvailable();
		// in the daemon, the port it serves or waits for; a command of its own names the configured one
		String port = served != null ? Integer.toString(served.port()) : this.environment.getProperty("server.port", "10400");
		String url = "http://127.0.0.1:" + port + "/?token=" + AccessToken.of(this.paths.ensureRuntime()).value();
		PrintWriter out = context.outputWriter();
		out.println(url);
		if (served != null && !served.served()) {
			PrintWriter err = Invocation.of(context).err();
			err.println("! Port " + port + " is held by another program; the daemon serves the "
					+ "dashboard as soon as it is free. See 'localdb doctor'.");
			err.flush();
		}
		if (!Boolean.TRUE.equals(noBrowser) && this.browser.open(url)) {
			out.println("  opened in your browser");
		}
		out.flush();
	}

}
