package dev.localdb.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A child JVM on the test class path, for tests that need real separate processes. */
public final class JavaProcess {

	private JavaProcess() {
	}

	public static Process start(List<String> jvmOptions, Class<?> main, List<String> args, Map<String, String> env)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xshare:auto");
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(env);
		builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		return builder.start();
	}

	/** Runs to completion and returns exit status, stdout and stderr. */
	public static Result run(List<String> jvmOptions, Class<?> main, List<String> args, Map<String, String> env)
			throws IOException, InterruptedException {
		Process process = start(jvmOptions, main, args, env);
		var out = process.getInputStream();
		var err = process.getErrorStream();
		CompletableFuture<String> errText = new CompletableFuture<>();
		Thread drain = new Thread(() -> {
			try {
				errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				errText.complete("");
			}
		});
		drain.start();
		String stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("child JVM did not finish: " + command(args));
		}
		drain.join();
		return new Result(process.exitValue(), stdout, errText.join());
	}

	private static String command(List<String> args) {
		return String.join(" ", args);
	}

	public record Result(int exitCode, String stdout, String stderr) {
	}

}
