package dev.localdb.share;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
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

	/** What the relay prints in a session, as the public relays print their URL; null: no sessions. */
	private volatile String banner;

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
		if (this.banner != null) {
			server.setShellFactory(channel -> new Printing(this.banner));
		}
		server.start();
		this.server = server;
		return this;
	}

	/** From the next start on, a session prints this and stays open, as localhost.run's does. */
	TestRelay printing(String text) {
		this.banner = text;
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

	private static final class Printing implements Command {

		private final String text;

		private OutputStream out;

		Printing(String text) {
			this.text = text;
		}

		@Override
		public void setInputStream(InputStream in) {
		}

		@Override
		public void setOutputStream(OutputStream out) {
			this.out = out;
		}

		@Override
		public void setErrorStream(OutputStream err) {
		}

		@Override
		public void setExitCallback(ExitCallback callback) {
		}

		@Override
		public void start(ChannelSession channel, Environment environment) throws IOException {
			this.out.write(this.text.getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

		@Override
		public void destroy(ChannelSession channel) {
		}

	}

}
