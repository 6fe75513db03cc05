package dev.localdb.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Opens a URL in the user's browser when there is a display to show it on. */
public final class BrowserOpener {

	/** @return true when a browser was asked to open the URL */
	public boolean open(String url) {
		Optional<List<String>> command = command(url);
		if (command.isEmpty()) {
			return false;
		}
		try {
			new ProcessBuilder(command.get()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Optional<List<String>> command(String url) {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.contains("mac")) {
			return Optional.of(List.of("open", url));
		}
		boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
		Path xdgOpen = Path.of("/usr/bin/xdg-open");
		if (display && Files.isExecutable(xdgOpen)) {
			return Optional.of(List.of(xdgOpen.toString(), url));
		}
		return Optional.empty();
	}

}
