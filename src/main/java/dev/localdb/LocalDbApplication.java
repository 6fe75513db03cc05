package dev.localdb;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.localdb.client.DaemonControl;
import dev.localdb.system.Failure;
import dev.localdb.system.LaunchMode;
import dev.localdb.system.LocalDbHome;
import dev.localdb.wire.DaemonLifecycle;
import dev.localdb.wire.Launch;

/**
 * One jar, three ways to run the application, decided by {@link Launch} (as the client decides
 * it) before Spring starts: no arguments is the interactive shell; {@code serve} is the daemon
 * with the web server and the cleanup; anything else is one command that exits with its status.
 */
@SpringBootApplication
public class LocalDbApplication {

	public static void main(String[] args) {
		Path home = LocalDbHome.resolve();
		Optional<String> unusableHome = LocalDbHome.problem(home);
		if (unusableHome.isPresent()) {
			System.err.println("Error: " + unusableHome.get());
			System.exit(Failure.STORAGE.exitCode());
		}
		Launch launch = Launch.decide(args, System.getenv());
		LaunchMode mode = switch (launch.mode()) {
			case INTERACTIVE -> LaunchMode.INTERACTIVE;
			case SERVE -> LaunchMode.SERVE;
			// a client's command that reaches the application runs here as one command
			case CLIENT, COMMAND -> LaunchMode.COMMAND;
		};
		int status = run(mode, launch.args().toArray(String[]::new));
		if (mode != LaunchMode.SERVE || status != 0) {
			System.exit(status);
		}
	}

	/** {@code daemon status | stop | restart} for the shell, which knows nothing of the client. */
	@Bean
	DaemonLifecycle daemonLifecycle() {
		return DaemonControl::control;
	}

	private static int run(LaunchMode mode, String[] args) {
		SpringApplication application = mode.configure(new SpringApplication(LocalDbApplication.class));
		if ((mode == LaunchMode.INTERACTIVE && !Boolean.getBoolean(LaunchMode.WITH_DAEMON)) || mode == LaunchMode.SERVE) {
			application.addListeners(new WebPortCheck());
		}
		try {
			ConfigurableApplicationContext context = application.run(args);
			return mode == LaunchMode.SERVE ? 0 : SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			// one readable line, last: the terminal's, or the daemon log's (which also has Spring
			// Boot's full report), where a client that started the daemon finds it
			System.err.println("Error: " + StartupFailure.describe(ex));
			return 1;
		}
	}

}
