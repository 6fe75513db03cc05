package dev.localdb.os;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user's service manager looks for the daemon's login service: a systemd user unit on
 * Linux ({@code $XDG_CONFIG_HOME/systemd/user/localdb.service}), a launchd agent on macOS
 * ({@code ~/Library/LaunchAgents/dev.localdb.daemon.plist}). {@code daemon install} writes it and
 * {@code doctor} looks for it, so both read the same place.
 */
public record LoginService(Path file, boolean launchd, Path home) {

	public static final String UNIT = "localdb.service";

	public static final String AGENT = "dev.localdb.daemon";

	/** For a user with {@code environment} ({@code HOME}, {@code XDG_CONFIG_HOME}) on {@code osName}. */
	public static LoginService of(Map<String, String> environment, String osName) {
		String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
		if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
			return new LoginService(Path.of(home, "Library", "LaunchAgents", AGENT + ".plist"), true, Path.of(home));
		}
		String config = environment.get("XDG_CONFIG_HOME");
		Path base = config != null && !config.isBlank() ? Path.of(config) : Path.of(home, ".config");
		return new LoginService(base.resolve("systemd").resolve("user").resolve(UNIT), false, Path.of(home));
	}

	/** The file, when it is there. */
	public Optional<Path> installed() {
		return Files.isRegularFile(this.file) ? Optional.of(this.file) : Optional.empty();
	}

	/** The file as the user would write it: {@code ~/.config/systemd/user/localdb.service}. */
	public String shown() {
		return this.file.startsWith(this.home) ? "~/" + this.home.relativize(this.file) : this.file.toString();
	}

	/** {@code a systemd user unit} or {@code a launchd agent}. */
	public String kind() {
		return this.launchd ? "a launchd agent" : "a systemd user unit";
	}

}
