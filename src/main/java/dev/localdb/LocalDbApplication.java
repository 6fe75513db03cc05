package dev.localdb;

import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.localdb.system.Failure;
import dev.localdb.system.HomeCheck;
import dev.localdb.system.LaunchMode;

/**
 * One jar, three ways to run, decided here before Spring starts: no arguments is the interactive
 * shell with the web server and the hourly cleanup; {@code serve} is the headless web server with
 * the cleanup; anything else is one command that exits with its status.
 */
@SpringBootApplication
public class LocalDbApplication {

	public static void main(String[] args) {
		Optional<String> unusableHome = HomeCheck.problem();
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

	static int run(LaunchMode mode, String[] args) {
		try {
			ConfigurableApplicationContext context = mode.configure(application(), false).run(args);
			return mode == LaunchMode.SERVE ? 0 : SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			if (mode == LaunchMode.INTERACTIVE && LaunchMode.isPortInUse(ex)) {
				// A second session while another holds the web port: the shell runs, the web
				// server stays with the first session.
				return SpringApplication.exit(mode.configure(application(), true).run(args));
			}
			// Spring Boot has already reported why start-up failed.
			return 1;
		}
	}

	private static SpringApplication application() {
		return new SpringApplication(LocalDbApplication.class);
	}

}
