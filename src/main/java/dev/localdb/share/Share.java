package dev.localdb.share;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardedTcpipFactory;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.proxy.ProjectProxy;
import dev.localdb.system.LocalDbException;

/**
 * One project's share: its proxy, its SSH client and the tunnel of the moment. A tunnel that drops
 * is opened again after 1s, 2s, 4s... up to the settings' longest wait, and the share says
 * {@code reconnecting} meanwhile; each drop and reconnect is in the daemon's log.
 */
final class Share implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Share.class);

	private final ShareRequest request;

	private final Relay relay;

	private final int remotePort;

	private final ShareProperties settings;

	private final ScheduledExecutorService scheduler;

	private final SshClient client;

	private final HostKeys hostKeys;

	private final List<KeyPair> keys;

	private final ShareProxy proxy;

	private final Instant since = Instant.now();

	private final List<Consumer<ShareProxy.Line>> followers = new CopyOnWriteArrayList<>();

	private volatile SshTunnel tunnel;

	private volatile boolean closed;

	private volatile String lastUrl;

	private volatile int pickedPort;

	/** Told when the tunnel drops or comes back. */
	private final Runnable changed;

	private volatile Duration wait = Duration.ofSeconds(1);

	private Share(ShareRequest request, ShareProperties settings, ScheduledExecutorService scheduler,
			ProjectProxy proxy, Consumer<ShareProxy.Line> requestLog, Runnable changed) {
		this.request = request;
		this.changed = changed;
		this.settings = settings;
		this.scheduler = scheduler;
		this.relay = Relay.parse(request.via() != null ? request.via() : settings.via(), "--via");
		this.remotePort = request.remotePort() != null ? request.remotePort() : settings.remotePort();
		boolean agent = request.agentSocket() != null;
		this.keys = SshKeys.load(settings.sshPath(), request.identity(), agent);
		this.hostKeys = new HostKeys(this.relay, settings.sshPath().resolve("known_hosts"));
		if (request.acceptNewHost()) {
			// where the accepted key is written, as ssh creates it: the user's own
			privateDirectory(settings.sshPath());
		}
		Originators originators = new Originators();
		this.client = SshClient.setUpDefaultClient();
		List<ChannelFactory> factories = new ArrayList<>(this.client.getChannelFactories());
		factories.removeIf(factory -> factory instanceof ForwardedTcpipFactory);
		factories.add(originators.channelFactory());
		this.client.setChannelFactories(factories);
		if (agent) {
			this.client.setAgentFactory(UnixSocketAgent.factory(request.agentSocket()));
		}
		// a relay that vanished without a word is found out by its missing answers
		CoreModuleProperties.HEARTBEAT_INTERVAL.set(this.client, Duration.ofSeconds(15));
		CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(this.client, 3);
		String scheme = SshTunnel.printsUrl(this.remotePort) ? "https" : "http";
		this.proxy = new ShareProxy(request.project().value(), proxy, request.auth(), scheme, originators::of,
				line -> {
					requestLog.accept(line);
					this.followers.forEach(follower -> follower.accept(line));
				});
		this.client.setForwardingFilter(new OnlyToTheProxy(this.proxy.port()));
		this.client.start();
	}

	/**
	 * Opens the share: returns when the relay forwards its public URL to the project.
	 * @throws LocalDbException why not, with nothing left open
	 */
	static Share open(ShareRequest request, ShareProperties settings, ScheduledExecutorService scheduler,
			ProjectProxy proxy, Consumer<ShareProxy.Line> requestLog, Runnable changed) {
		Share share = new Share(request, settings, scheduler, proxy, requestLog, changed);
		try {
			share.connect(request.acceptNewHost());
			return share;
		}
		catch (RuntimeException ex) {
			share.close();
			throw ex;
		}
	}

	private void connect(boolean acceptNewHost) {
		this.client.setServerKeyVerifier(this.hostKeys.verifier(acceptNewHost));
		// a port the relay picked (--remote-port 0) is asked for again, so the URL stays
		SshTunnel opened = SshTunnel.open(this.client, this.relay, this.hostKeys, this.keys,
				this.remotePort == 0 && this.pickedPort > 0 ? this.pickedPort : this.remotePort, this.proxy.port(),
				this.settings.connectTimeout(), this.settings.urlWait());
		this.pickedPort = opened.boundPort();
		this.lastUrl = opened.url();
		this.tunnel = opened;
		opened.session().addCloseFutureListener(future -> dropped(opened));
		if (this.closed) {
			opened.close();
		}
	}

	private void dropped(SshTunnel gone) {
		if (this.closed || this.tunnel != gone) {
			return;
		}
		log.warn("Share of {}: the connection to {} dropped; reconnecting in {}s", this.request.project(), this.relay,
				this.wait.toSeconds());
		this.tunnel = null;
		this.changed.run();
		schedule();
	}

	private void schedule() {
		this.scheduler.schedule(this::reconnect, this.wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	private synchronized void reconnect() {
		if (this.closed || this.tunnel != null) {
			return;
		}
		try {
			connect(false);
			this.wait = Duration.ofSeconds(1);
			this.changed.run();
			log.info("Share of {}: reconnected to {}, public URL {}", this.request.project(), this.relay, url());
		}
		catch (LocalDbException | IllegalStateException ex) {
			Duration doubled = this.wait.multipliedBy(2);
			this.wait = doubled.compareTo(this.settings.maxRetryWait()) > 0 ? this.settings.maxRetryWait() : doubled;
			log.warn("Share of {}: reconnecting to {} failed ({}); next try in {}s", this.request.project(), this.relay,
					ex.getMessage(), this.wait.toSeconds());
			schedule();
		}
	}

	private static void privateDirectory(Path dir) {
		try {
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
		}
		catch (IOException ex) {
			throw LocalDbException.storage("create", dir, ex);
		}
	}

	/** The relay may open connections to the share's proxy and nowhere else; nothing else is forwarded. */
	private record OnlyToTheProxy(int port) implements ForwardingFilter {

		@Override
		public boolean canConnect(TcpForwardingFilter.Type type, SshdSocketAddress address, Session session) {
			return type == TcpForwardingFilter.Type.Forwarded && address.getPort() == this.port
					&& SshdSocketAddress.isLoopback(address.getHostName());
		}

		@Override
		public boolean canListen(SshdSocketAddress address, Session session) {
			return false;
		}

		@Override
		public boolean canForwardAgent(Session session, String requestType) {
			return false;
		}

		@Override
		public boolean canForwardX11(Session session, String requestType) {
			return false;
		}

	}

	ShareRequest request() {
		return this.request;
	}

	/** The public URL, or the last one known while reconnecting. */
	String url() {
		return this.lastUrl;
	}

	ShareStatus status() {
		ShareStatus.State state = this.tunnel != null ? ShareStatus.State.SHARING : ShareStatus.State.RECONNECTING;
		return new ShareStatus(this.request.project(), url(), this.relay.toString(), state, this.request.auth() != null,
				this.request.keep(), this.since);
	}

	/** The port the relay listens on for this share now; -1 while reconnecting. */
	int remotePort() {
		SshTunnel now = this.tunnel;
		return now == null ? -1 : now.boundPort();
	}

	void follow(Consumer<ShareProxy.Line> follower) {
		this.followers.add(follower);
	}

	void unfollow(Consumer<ShareProxy.Line> follower) {
		this.followers.remove(follower);
	}

	boolean isClosed() {
		return this.closed;
	}

	@Override
	public void close() {
		this.closed = true;
		SshTunnel open = this.tunnel;
		this.tunnel = null;
		if (open != null) {
			open.close();
		}
		try {
			this.client.stop();
		}
		finally {
			this.proxy.close();
		}
	}

}
