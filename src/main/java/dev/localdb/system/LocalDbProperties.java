package dev.localdb.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.project.ProjectSettings;

/**
 * Every LocalDB setting, under {@code localdb.*}. Defaults live in the top-level
 * {@code application.yml}; users override them in {@code $LOCALDB_HOME/application.yml}, with
 * {@code -D} system properties or environment variables. Bad values stop start-up with a message
 * that names the setting.
 */
@ConfigurationProperties("localdb")
public record LocalDbProperties(Path home, Ports ports, Cleanup cleanup, Servers servers) {

	public LocalDbProperties {
		require(home, "localdb.home", "a directory, e.g. ~/.localdb (or set LOCALDB_HOME)");
		require(ports, "localdb.ports", "the three port ranges");
		require(cleanup, "localdb.cleanup", "the cleanup interval and start grace");
		require(servers, "localdb.servers", "the server settings");
	}

	public record Ports(PortRange defaultRange, PortRange fallbackRange, PortRange extendedRange) {

		public Ports {
			require(defaultRange, "localdb.ports.default-range", "LO-HI, e.g. 3000-3999");
			require(fallbackRange, "localdb.ports.fallback-range", "LO-HI, e.g. 4000-4999");
			require(extendedRange, "localdb.ports.extended-range", "LO-HI, e.g. 5000-9999");
		}

		public PortRanges ranges() {
			return new PortRanges(this.defaultRange, this.fallbackRange, this.extendedRange);
		}

	}

	/**
	 * @param interval how often the scheduled cleanup runs, and how old the last cleanup may be
	 * before an allocation records a new one
	 * @param startGrace how long a reservation without server.json is a start under way
	 */
	public record Cleanup(@DefaultValue("1h") Duration interval, @DefaultValue("2m") Duration startGrace) {

		public Cleanup {
			positive(interval, "localdb.cleanup.interval");
			positive(startGrace, "localdb.cleanup.start-grace");
		}

	}

	public record Servers(@DefaultValue("127.0.0.1") String host, @DefaultValue("30s") Duration startTimeout,
			@DefaultValue("5s") Duration stopGrace, @DefaultValue("20") int logTailLines,
			List<String> studioJvmOptions) {

		public Servers {
			if (host == null || host.isBlank()) {
				throw new IllegalArgumentException("localdb.servers.host must be an address, e.g. 127.0.0.1");
			}
			positive(startTimeout, "localdb.servers.start-timeout");
			positive(stopGrace, "localdb.servers.stop-grace");
			studioJvmOptions = studioJvmOptions == null ? List.of() : List.copyOf(studioJvmOptions);
		}

		public ProjectSettings settings() {
			return new ProjectSettings(this.host, this.startTimeout, this.stopGrace, this.studioJvmOptions,
					this.logTailLines);
		}

	}

	private static void require(Object value, String setting, String expected) {
		if (value == null) {
			throw new IllegalArgumentException(setting + " is not set: expected " + expected);
		}
	}

	private static void positive(Duration value, String setting) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(setting + " must be a positive duration, e.g. 30s or 1h");
		}
	}

}
