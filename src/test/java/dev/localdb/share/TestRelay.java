package dev.localdb.share;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import dev.localdb.support.TestPorts;

/**
 * An SSH server in the test's own process, as a relay: on a free loopback port, its host key in a
 * file (the same key after a restart, unless the test gives another file), one user's public key
 * accepted, remote port forwarding allowed.
 */
final class TestRelay implements AutoCloseable {

	private final int port;

	private final PublicKey userKey;

	private SshServer server;

	TestRelay(PublicKey userKey) {
		this.port = TestPorts.freeBlock(1).low();
		this.userKey = userKey;
	}

	int port() {
		return this.port;
	}

	String via() {
		return "ssh://tester@127.0.0.1:" + this.port;
	}

	TestRelay start(Path hostKey) throws IOException {
		SshServer server = SshServer.setUpDefaultServer();
		server.setHost("127.0.0.1");
		server.setPort(this.port);
		SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
		keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
		server.setKeyPairProvider(keys);
		server.setPublickeyAuthenticator((user, key, session) -> "tester".equals(user) && KeyUtils.compareKeys(key, this.userKey));
		server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
		server.start();
		this.server = server;
		return this;
	}

	void stop() throws IOException {
		if (this.server != null) {
			this.server.stop(true);
			this.server = null;
		}
	}

	@Override
	public void close() throws IOException {
		stop();
	}

}
