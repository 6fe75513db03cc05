package dev.localdb.wire;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import dev.localdb.os.AtomicFile;
import dev.localdb.os.ProcessIdentity;

/**
 * {@code runtime/daemon.properties}: who the running daemon is. Written atomically by the daemon
 * when it listens, removed when it stops; read by clients and by {@code daemon status}.
 *
 * @param pid the daemon's process id
 * @param processStart its start token (with the pid, its identity: a recycled pid is told apart)
 * @param fingerprint its build, the digest of application.yml and of its settings ({@link Fingerprint}),
 * or empty for a {@code serve} in the foreground
 * @param socket where it listens
 * @param web its web server (actuator, dashboard), or "none"
 * @param startedAt when it started, ISO-8601
 * @param version LocalDB's version
 */
public record DaemonState(long pid, String processStart, String fingerprint, String socket, String web,
		String startedAt, String version) {

	/** The web address of the daemon of this home, or "none". */
	public static String webAddress(Path home) {
		return read(DaemonAddress.of(home).stateFile()).map(DaemonState::web).orElse("none");
	}

	public ProcessIdentity identity() {
		return new ProcessIdentity(this.pid, this.processStart);
	}

	public static Optional<DaemonState> read(Path file) {
		try {
			Optional<byte[]> content = AtomicFile.read(file);
			if (content.isEmpty()) {
				return Optional.empty();
			}
			Properties properties = new Properties();
			properties.load(new StringReader(new String(content.get(), StandardCharsets.UTF_8)));
			return Optional.of(new DaemonState(Long.parseLong(properties.getProperty("pid")),
					properties.getProperty("process_start"), properties.getProperty("fingerprint"),
					properties.getProperty("socket"), properties.getProperty("web", "none"),
					properties.getProperty("started_at"), properties.getProperty("version", "")));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	public void write(Path file) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("pid", Long.toString(this.pid));
		properties.setProperty("process_start", this.processStart);
		properties.setProperty("fingerprint", this.fingerprint);
		properties.setProperty("socket", this.socket);
		properties.setProperty("web", this.web);
		properties.setProperty("started_at", this.startedAt);
		properties.setProperty("version", this.version);
		StringWriter text = new StringWriter();
		properties.store(text, "The LocalDB daemon of this home; removed when it stops");
		AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
	}

}
