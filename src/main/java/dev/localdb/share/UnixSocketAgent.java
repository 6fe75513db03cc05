package dev.localdb.share;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * The user's SSH agent ({@code SSH_AUTH_SOCK}) as MINA's client asks it. MINA's own agent client
 * for Unix sockets needs Tomcat's native APR library; Java's own Unix domain sockets (JDK 16+)
 * speak the agent protocol's frames just as well, one request and its answer at a time.
 */
final class UnixSocketAgent extends AbstractAgentProxy {

	private final SocketChannel channel;

	private UnixSocketAgent(Path socket) throws IOException {
		super(ThreadUtils.newSingleThreadExecutor("localdb-share-agent"));
		this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		this.channel.connect(UnixDomainSocketAddress.of(socket));
	}

	@Override
	protected synchronized Buffer request(Buffer buffer) throws IOException {
		ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
		while (out.hasRemaining()) {
			this.channel.write(out);
		}
		ByteBuffer length = read(4);
		int size = length.getInt();
		if (size < 0 || size > 256 * 1024) {
			throw new IOException("The SSH agent answered a frame of " + size + " bytes");
		}
		return new ByteArrayBuffer(read(size).array());
	}

	private ByteBuffer read(int size) throws IOException {
		ByteBuffer in = ByteBuffer.allocate(size);
		while (in.hasRemaining()) {
			if (this.channel.read(in) < 0) {
				throw new IOException("The SSH agent closed the connection");
			}
		}
		return in.flip();
	}

	@Override
	public boolean isOpen() {
		return this.channel.isOpen();
	}

	@Override
	public void close() throws IOException {
		try {
			this.channel.close();
		}
		finally {
			super.close();
		}
	}

	/** An agent client per SSH session, for the socket of the shell that asked for the share. */
	static SshAgentFactory factory(Path socket) {
		return new SshAgentFactory() {

			@Override
			public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
				return List.of();
			}

			@Override
			public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
				return new UnixSocketAgent(socket);
			}

			@Override
			public SshAgentServer createServer(ConnectionService service) {
				throw new UnsupportedOperationException("LocalDB forwards no agent");
			}

		};
	}

}
