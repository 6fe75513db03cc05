package dev.localdb.share;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.server.forward.ForwardedTcpipFactory;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * Who is on the other end of each forwarded connection. The relay names the remote client (the
 * originator of the SSH {@code forwarded-tcpip} channel); the share's proxy sees only the local
 * connection MINA opened for it, so each channel records its local port against the originator
 * before the first byte of the request is passed on.
 */
final class Originators {

	private final Map<Integer, InetSocketAddress> byLocalPort = new ConcurrentHashMap<>();

	/** The remote client of the connection that came from this local port; null when not known. */
	InetSocketAddress of(int localPort) {
		return this.byLocalPort.get(localPort);
	}

	/** MINA's channel factory for forwarded connections, recording each channel's originator. */
	ForwardedTcpipFactory channelFactory() {
		return new ForwardedTcpipFactory() {

			@Override
			public Channel createChannel(Session session) throws IOException {
				return new RecordingChannel(getExecutorService());
			}

		};
	}

	private static boolean isLiteral(String host) {
		return SshdSocketAddress.isIPv4Address(host) || SshdSocketAddress.isIPv6Address(host);
	}

	private final class RecordingChannel extends TcpipServerChannel {

		private volatile Integer localPort;

		RecordingChannel(CloseableExecutorService executor) {
			super(TcpForwardingFilter.Type.Forwarded, executor);
			addCloseFutureListener(closed -> {
				Integer port = this.localPort;
				if (port != null) {
					Originators.this.byLocalPort.remove(port);
				}
			});
		}

		@Override
		protected void handleChannelOpenSuccess(OpenFuture future, IoSession session) {
			SshdSocketAddress originator = getOriginatorAddress();
			SocketAddress local = session.getLocalAddress();
			if (originator != null && local instanceof InetSocketAddress address && isLiteral(originator.getHostName())) {
				try {
					// a literal address: no name is looked up
					InetAddress remote = InetAddress.getByName(originator.getHostName());
					this.localPort = address.getPort();
					Originators.this.byLocalPort.put(address.getPort(), new InetSocketAddress(remote, originator.getPort()));
				}
				catch (UnknownHostException ex) {
					// not an address after all: the request goes on without it
				}
			}
			super.handleChannelOpenSuccess(future, session);
		}

	}

}
