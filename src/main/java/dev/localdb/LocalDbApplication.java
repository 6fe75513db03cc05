package dev.localdb;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.localdb.system.Failure;
import dev.localdb.system.LaunchMode;
import dev.localdb.system.LocalDbHome;

/**
 * One jar, three ways to run, decided here before Spring starts: no arguments is the interactive
 * shell with the web server and the hourly cleanup; {@code serve} is the headless web server with
 * the cleanup; anything else is one command that exits with its status.
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
		LaunchMode mode = LaunchMode.of(args);
		int status = run(mode, args);
		if (mode != LaunchMode.SERVE || status != 0) {
			System.exit(status);
		}
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
