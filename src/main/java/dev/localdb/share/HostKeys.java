package dev.localdb.share;

import java.net.SocketAddress;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Host keys checked as {@code ssh} does with {@code StrictHostKeyChecking}: against known_hosts;
 * an unknown key only with {@code --accept-new-host} (then written there, like {@code accept-new}),
 * a changed key never. What was refused is kept, so the error can name the key's fingerprint.
 */
final class HostKeys {

	private final Relay relay;

	private final Path knownHosts;

	private final AtomicReference<String> refused = new AtomicReference<>();

	HostKeys(Relay relay, Path knownHosts) {
		this.relay = relay;
		this.knownHosts = knownHosts;
	}

	KnownHostsServerKeyVerifier verifier(boolean acceptNew) {
		KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(
				(ClientSession session, SocketAddress remote, PublicKey key) -> {
					if (!acceptNew) {
						this.refused.set(unknown(key));
					}
					return acceptNew;
				}, this.knownHosts, LinkOption.NOFOLLOW_LINKS);
		verifier.setModifiedServerKeyAcceptor((ClientSession session, SocketAddress remote, KnownHostEntry entry,
				PublicKey expected, PublicKey actual) -> {
			this.refused.set(changed(actual));
			return false;
		});
		return verifier;
	}

	/** The host key refused by the last connection, as an error to show; null when none was. */
	LocalDbException refusal() {
		String message = this.refused.getAndSet(null);
		return message == null ? null : new LocalDbException(Failure.SHARE_FAILED, message);
	}

	private String unknown(PublicKey key) {
		return "The relay " + this.relay.knownHostsName() + " is not in " + this.knownHosts + "; its "
				+ KeyUtils.getKeyType(key) + " host key is " + KeyUtils.getFingerPrint(key)
				+ ". If that is the relay's key, share again with --accept-new-host.";
	}

	private String changed(PublicKey key) {
		return "The host key of the relay " + this.relay.knownHostsName() + " has CHANGED (now " + KeyUtils.getKeyType(key)
				+ " " + KeyUtils.getFingerPrint(key) + "), so LocalDB refuses it, as ssh does. If the relay's key really "
				+ "changed, remove the old one with 'ssh-keygen -R \"" + this.relay.knownHostsName() + "\"' and share again with --accept-new-host.";
	}

}
