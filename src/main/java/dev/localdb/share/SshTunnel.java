package dev.localdb.share;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * One connection to the relay, as {@code ssh -R PORT:127.0.0.1:LOCAL user@relay} makes it: signed
 * in, the relay listening on PORT for us, and the public URL. On port 80 or 443, where the public
 * relays answer on an address of their own, it opens a session like {@code ssh} does and takes the
 * URL the relay prints there; on any other port it opens none (like {@code ssh -N}), so a login
 * shell's banner on the user's own server is never mistaken for the address.
 */
final class SshTunnel implements AutoCloseable {

	private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.-]+(?::\\d+)?(?:/[^\\s\"'<>]*)?");

	private final ClientSession session;

	private final ChannelShell shell;

	private final int boundPort;

	private final String url;

	private SshTunnel(ClientSession session, ChannelShell shell, int boundPort, String url) {
		this.session = session;
		this.shell = shell;
		this.boundPort = boundPort;
		this.url = url;
	}

	static boolean printsUrl(int remotePort) {
		return remotePort == 80 || remotePort == 443;
	}

	/** @throws LocalDbException what went wrong and what to do, the connection closed */
	static SshTunnel open(SshClient client, Relay relay, HostKeys hostKeys, List<KeyPair> keys, int remotePort,
			int localPort, Duration timeout, Duration urlWait) {
		return open(client, relay, hostKeys, keys, remotePort, localPort, timeout, urlWait, printsUrl(remotePort));
	}

	/** @param relayMode whether to open a session and read the URL the relay prints there */
	static SshTunnel open(SshClient client, Relay relay, HostKeys hostKeys, List<KeyPair> keys, int remotePort,
			int localPort, Duration timeout, Duration urlWait, boolean relayMode) {
		ClientSession session;
		try {
			session = client.connect(relay.user(), relay.host(), relay.port()).verify(timeout).getSession();
		}
		catch (IOException | RuntimeException ex) {
			throw failed(hostKeys, ex, unreachable(relay, ex));
		}
		try {
			keys.forEach(session::addPublicKeyIdentity);
			session.auth().verify(timeout);
		}
		catch (IOException | RuntimeException ex) {
			session.close(true);
			throw failed(hostKeys, ex, "The relay " + relay + " did not accept you (" + message(ex) + "): add your public key "
					+ "to its ~/.ssh/authorized_keys, load it into your SSH agent, or give another with --identity FILE.");
		}
		try {
			// the public relays expect what 'ssh -R 80:localhost:PORT' sends; your own server listens on every interface
			SshdSocketAddress bound = session.startRemotePortForwarding(
					new SshdSocketAddress(relayMode ? "localhost" : "0.0.0.0", remotePort),
					new SshdSocketAddress("127.0.0.1", localPort));
			int port = bound.getPort() > 0 ? bound.getPort() : remotePort;
			ChannelShell shell = null;
			String url = null;
			if (relayMode) {
				UrlWatch watch = new UrlWatch();
				shell = session.createShellChannel();
				shell.setUsePty(false);
				shell.setOut(watch);
				shell.setErr(watch);
				shell.open().verify(timeout);
				url = watch.await(urlWait);
			}
			if (url == null) {
				url = "http://" + (relay.host().contains(":") ? "[" + relay.host() + "]" : relay.host())
						+ (port == 80 ? "" : ":" + port) + "/";
			}
			return new SshTunnel(session, shell, port, url);
		}
		catch (IOException | RuntimeException ex) {
			session.close(true);
			throw new LocalDbException(Failure.SHARE_FAILED, "The relay " + relay + " would not listen on port " + remotePort
					+ " for the share (" + message(ex) + "): pick another with --remote-port (0: the relay picks), and on "
					+ "your own OpenSSH server allow it (AllowTcpForwarding yes, GatewayPorts clientspecified).", ex);
		}
	}

	private static LocalDbException failed(HostKeys hostKeys, Exception ex, String otherwise) {
		LocalDbException refusal = hostKeys.refusal();
		return refusal != null ? refusal : new LocalDbException(Failure.SHARE_FAILED, otherwise, ex);
	}

	private static String unreachable(Relay relay, Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException) {
				return "Cannot find the relay " + relay.host() + ": check the host name in --via (or localdb.share.via).";
			}
			if (cause instanceof ConnectException) {
				return "Cannot reach the relay " + relay.host() + " on port " + relay.port() + " (" + cause.getMessage()
						+ "): check --via and your network; is its SSH server running?";
			}
		}
		return "Cannot connect to the relay " + relay + " (" + message(ex) + "): check --via and your network.";
	}

	private static String message(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}

	ClientSession session() {
		return this.session;
	}

	int boundPort() {
		return this.boundPort;
	}

	String url() {
		return this.url;
	}

	@Override
	public void close() {
		if (this.shell != null) {
			this.shell.close(true);
		}
		this.session.close(true);
	}

	/**
	 * The relay's session output, searched for the share's address: a URL on a line that announces
	 * the tunnel ("tunneled with", "Forwarding": localhost.run, serveo) at once, not one of the
	 * banner's ("follow your favourite reverse tunnel at"); otherwise, when the wait is over,
	 * the last https URL printed (banners print their documentation's links first).
	 */
	static final class UrlWatch extends OutputStream {

		private final StringBuilder text = new StringBuilder();

		private final CountDownLatch found = new CountDownLatch(1);

		private String announced;

		@Override
		public synchronized void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) {
			if (this.text.length() > 64 * 1024) {
				return;
			}
			this.text.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
			for (String line : this.text.toString().split("\\R")) {
				Matcher matcher = URL.matcher(line);
				String lower = line.toLowerCase(Locale.ROOT);
				if (this.announced == null && (lower.contains("tunneled") || lower.contains("forwarding")) && matcher.find()) {
					String last = matcher.group();
					while (matcher.find()) {
						last = matcher.group();
					}
					this.announced = last;
					this.found.countDown();
				}
			}
		}

		String await(Duration wait) throws IOException {
			try {
				this.found.await(wait.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for the relay's address", ex);
			}
			synchronized (this) {
				if (this.announced != null) {
					return this.announced;
				}
				String https = null;
				String any = null;
				Matcher matcher = URL.matcher(this.text);
				while (matcher.find()) {
					any = matcher.group();
					https = any.startsWith("https") ? any : https;
				}
				return https != null ? https : any;
			}
		}

	}

}
