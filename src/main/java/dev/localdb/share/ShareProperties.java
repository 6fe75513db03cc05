package dev.localdb.share;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.share}: the SSH relays {@code localdb share} tunnels through.
 *
 * @param via the relay when {@code --via} is not given: {@code ssh://[user@]host[:port]}. The
 * default is localhost.run, a public third-party relay; your own OpenSSH server works as well
 * @param remotePort the port the relay listens on for the share when {@code --remote-port} is not
 * given; 80 is what the public relays expect (they answer on their own HTTPS address)
 * @param sshDirectory where the keys and known_hosts are read, as ssh does ({@code ~} is your home)
 * @param connectTimeout how long connecting and authenticating to the relay may take
 * @param urlWait how long LocalDB waits for the relay to print the share's public URL
 * @param maxRetryWait the longest wait between two reconnects of a dropped share (the wait doubles from 1s)
 * @param watchInterval how often the daemon checks that a shared project still runs
 */
@ConfigurationProperties("localdb.share")
record ShareProperties(@DefaultValue("ssh://nokey@localhost.run") String via, @DefaultValue("80") int remotePort,
		@DefaultValue("~/.ssh") String sshDirectory, @DefaultValue("15s") Duration connectTimeout,
		@DefaultValue("10s") Duration urlWait, @DefaultValue("1m") Duration maxRetryWait,
		@DefaultValue("2s") Duration watchInterval) {

	ShareProperties {
		Relay.parse(via, "localdb.share.via");
		if (remotePort < 0 || remotePort > 65535) {
			throw new IllegalArgumentException("localdb.share.remote-port must be 0-65535 (0: the relay picks), e.g. 80");
		}
		if (sshDirectory == null || sshDirectory.isBlank()) {
			throw new IllegalArgumentException("localdb.share.ssh-directory must be a directory, e.g. ~/.ssh");
		}
		positive(connectTimeout, "localdb.share.connect-timeout", "15s");
		positive(urlWait, "localdb.share.url-wait", "10s");
		positive(maxRetryWait, "localdb.share.max-retry-wait", "1m");
		positive(watchInterval, "localdb.share.watch-interval", "2s");
	}

	/** The SSH directory with {@code ~} expanded. */
	Path sshPath() {
		if (this.sshDirectory.equals("~") || this.sshDirectory.startsWith("~/")) {
			return Path.of(System.getProperty("user.home") + this.sshDirectory.substring(1));
		}
		return Path.of(this.sshDirectory);
	}

	private static void positive(Duration value, String setting, String example) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(setting + " must be a positive duration, e.g. " + example);
		}
	}

}
