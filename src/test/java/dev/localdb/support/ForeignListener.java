package dev.localdb.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/** A listening socket that is not LocalDB's, on one address, like another program's server. */
public final class ForeignListener implements AutoCloseable {

	private final ServerSocketChannel channel;

	private ForeignListener(ServerSocketChannel channel) {
		this.channel = channel;
	}

	/** @param address one of {@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}, {@code ::1} */
	public static ForeignListener on(String address, int port) throws IOException {
		boolean ipv6 = address.contains(":");
		ServerSocketChannel channel = ServerSocketChannel
			.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
		channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
		channel.bind(new InetSocketAddress(address, port), 50);
		return new ForeignListener(channel);
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
