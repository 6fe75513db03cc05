package dev.localdb.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.shell.CommandRunner;
import dev.localdb.shell.Invocation;
import dev.localdb.wire.ChannelStreams;
import dev.localdb.wire.Compatibility;
import dev.localdb.wire.Fingerprint;
import dev.localdb.wire.Message;
import dev.localdb.wire.MessageCodec;

/**
 * One client's message: a command is run through the same command line the shell uses, for that
 * client (its directory, its environment, its terminal), its output streamed, ending with the exit
 * status; heartbeats tell the client the daemon is alive while a command is quiet (a server's
 * start, {@code logs -f}). A cancel from the client (Ctrl-C) undoes what the command began.
 */
final class ClientSession implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

	/** Far inside the client's patience (10 s). */
	static final Duration HEARTBEAT = Duration.ofSeconds(2);

	private final SocketChannel channel;

	private final Message first;

	private final CommandRunner commands;

	private final String fingerprint;

	private final Runnable shutdown;

	private final DaemonActivity activity;

	ClientSession(SocketChannel channel, Message first, CommandRunner commands, String fingerprint, Runnable shutdown,
			DaemonActivity activity) {
		this.channel = channel;
		this.first = first;
		this.commands = commands;
		this.fingerprint = fingerprint;
		this.shutdown = shutdown;
		this.activity = activity;
	}

	@Override
	public void run() {
		this.activity.begin();
		try (this.channel) {
			DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(this.channel)));
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(this.channel)));
			if (this.first instanceof Message.Shutdown) {
				MessageCodec.write(out, new Message.Exit(0));
				this.shutdown.run();
			}
			else if (this.first instanceof Message.Ping ping) {
				MessageCodec.write(out, compatible(ping.fingerprint()) ? new Message.Exit(0) : mismatch());
			}
			else if (this.first instanceof Message.Request request) {
				MessageCodec.write(out, compatible(request.fingerprint()) ? execute(request, in, out) : mismatch());
			}
			else {
				MessageCodec.write(out, new Message.Refused("a connection starts with a request, not " + this.first));
			}
		}
		catch (IOException ex) {
			log.debug("A client went away: {}", ex.getMessage());
		}
		finally {
			this.activity.end();
		}
	}

	/** The second line of the check the client made from daemon.properties before it connected. */
	private boolean compatible(String theirs) {
		if (this.fingerprint.isEmpty() || theirs.isEmpty()) {
			return true;
		}
		return Fingerprint.parse(theirs)
			.map(client -> Compatibility.of(client, this.fingerprint).decision() != Compatibility.Decision.REPLACE)
			.orElse(false);
	}

	private Message mismatch() {
		return new Message.Mismatch(this.fingerprint);
	}

	private Message execute(Message.Request request, DataInputStream in, DataOutputStream socket) {
		PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new FrameOutputStream(socket, Message.Stream.STDOUT),
				StandardCharsets.UTF_8));
		PrintWriter stderr = new PrintWriter(new OutputStreamWriter(new FrameOutputStream(socket, Message.Stream.STDERR),
				StandardCharsets.UTF_8), true);
		Invocation invocation = new Invocation(Path.of(request.directory()), request.environment(),
				request.stderrTerminal(), stderr, new AtomicBoolean());
		AtomicBoolean done = new AtomicBoolean();
		// a flag, not an interrupt: an interrupted thread would close the socket it writes to
		Thread cancels = new Thread(() -> watchForCancel(in, invocation), "localdb-cancel-watch");
		cancels.setDaemon(true);
		cancels.start();
		// a thread of its own: a client that reads nothing blocks only its own heartbeats
		Thread heartbeats = new Thread(() -> beat(socket, done), "localdb-heartbeat");
		heartbeats.setDaemon(true);
		heartbeats.start();
		try {
			return new Message.Exit(this.commands.execute(request.args(), stdout, invocation));
		}
		finally {
			done.set(true);
			heartbeats.interrupt();
			stdout.flush();
			stderr.flush();
		}
	}

	private static void beat(DataOutputStream socket, AtomicBoolean done) {
		try {
			while (!done.get()) {
				Thread.sleep(HEARTBEAT.toMillis());
				if (!done.get()) {
					MessageCodec.write(socket, new Message.Heartbeat());
				}
			}
		}
		catch (InterruptedException | IOException ex) {
			// the command ended, or the client went away
		}
	}

	/** The client's only message after its request is a cancel; its end (EOF) is not one. */
	private static void watchForCancel(DataInputStream in, Invocation invocation) {
		try {
			if (MessageCodec.read(in) instanceof Message.Cancel) {
				invocation.cancel();
			}
		}
		catch (IOException ex) {
			// the client closed its side, or the command ended
		}
	}

}
