package dev.localdb.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.awaitility.core.ConditionTimeoutException;

import dev.localdb.client.LocalDbClient;
import dev.localdb.finder.PortRanges;

/**
 * A temporary LOCALDB_HOME for tests of the client and the daemon as real processes: test port
 * ranges, a web port of its own, and {@link #close()} that stops every daemon and server whose
 * command line names this home, whatever the test did.
 */
public final class DaemonHome implements AutoCloseable {

	private final Path home;

	private final PortRanges ranges;

	private final int webPort;

	private final List<String> extraOptions = new ArrayList<>();

	public DaemonHome(Path home) {
		this.home = home;
		this.ranges = TestPorts.ranges(5, 3, 2);
		this.webPort = TestPorts.freeBlock(1).low();
	}

	public Path home() {
		return this.home;
	}

	public PortRanges ranges() {
		return this.ranges;
	}

	public int webPort() {
		return this.webPort;
	}

	/** -D options every client of this home gets from now on (a daemon it starts gets them too). */
	public DaemonHome with(String... options) {
		this.extraOptions.addAll(List.of(options));
		return this;
	}

	public List<String> jvmOptions() {
		List<String> options = new ArrayList<>(TestPorts.systemProperties(this.ranges));
		options.add("-Dserver.port=" + this.webPort);
		options.addAll(this.extraOptions);
		return options;
	}

	/** {@code localdb ARGS} through the client, to completion. */
	public JavaProcess.Result run(String... args) throws IOException, InterruptedException {
		return run(Map.of(), args);
	}

	public JavaProcess.Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
		return JavaProcess.run(jvmOptions(), LocalDbClient.class, List.of(args), environment(env));
	}

	public Process start(Map<String, String> env, String... args) throws IOException {
		return JavaProcess.start(jvmOptions(), LocalDbClient.class, List.of(args), environment(env));
	}

	public Map<String, String> environment(Map<String, String> extra) {
		Map<String, String> env = new HashMap<>(extra);
		env.put("LOCALDB_HOME", this.home.toString());
		return env;
	}

	/** The running daemon's pid, from its state file. */
	public Optional<Long> daemonPid() {
		Path state = this.home.resolve("runtime/daemon.properties");
		try {
			Properties properties = new Properties();
			properties.load(new StringReader(Files.readString(state)));
			return Optional.of(Long.parseLong(properties.getProperty("pid")));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Every process of this home: daemons (-Dlocaldb.home=HOME) and anything with HOME on its command line. */
	public List<ProcessHandle> processes() {
		List<ProcessHandle> found = new ArrayList<>();
		try (var pids = Files.list(Path.of("/proc"))) {
			for (Path dir : pids.toList()) {
				String name = dir.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == ProcessHandle.current().pid()) {
					continue;
				}
				try {
					String commandLine = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
					String environ = new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8);
					if (commandLine.contains(this.home.toString()) || environ.contains("LOCALDB_HOME=" + this.home + "\0")) {
						ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
					}
				}
				catch (IOException | RuntimeException ex) {
					// gone meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return found;
	}

	/** The daemons of this home: processes whose command line ends in serve. */
	public List<ProcessHandle> daemons() {
		return processes().stream().filter(process -> {
			try {
				String commandLine = new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
						StandardCharsets.UTF_8);
				return commandLine.endsWith("\0serve\0");
			}
			catch (IOException ex) {
				return false;
			}
		}).toList();
	}

	/** Stops the daemon and every project server of this home. */
	@Override
	public void close() {
		List<ProcessHandle> left = processes();
		left.forEach(ProcessHandle::destroy);
		try {
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
				.until(() -> left.stream().noneMatch(ProcessHandle::isAlive));
		}
		catch (ConditionTimeoutException ex) {
			// the ones still here are killed
		}
		left.forEach(ProcessHandle::destroyForcibly);
	}

}
