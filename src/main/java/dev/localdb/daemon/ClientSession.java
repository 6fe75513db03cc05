package dev.localdb.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import dev.localdb.client.ChannelStreams;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.client.Frames;
import dev.localdb.shell.CommandRunner;
import dev.localdb.shell.Invocation;

/**
 * One client's command: read the request, run it through the same command line the shell uses, for
 * that client (its directory, its environment, its terminal), stream the output, end with the exit
 * status. A cancel from the client (Ctrl-C) interrupts the command, which undoes what it began.
 */
final class ClientSession implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

	private final SocketChannel channel;

	private final CommandRunner commands;

	private final String fingerprint;

	private final Runnable shutdown;

	private final DaemonActivity activity;

	ClientSession(SocketChannel channel, CommandRunner commands, String fingerprint, Runnable shutdown,
			DaemonActivity activity) {
		this.channel = channel;
		this.commands = commands;
		this.fingerprint = fingerprint;
		this.shutdown = shutdown;
		this.activity = activity;
	}

	@Override
	public void run() {
		this.activity.begin();
		try (this.channel) {
			DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(ChannelStreams.in(this.channel)));
			DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(ChannelStreams.out(this.channel)));
			Frames.Request request = Frames.readRequest(in);
			if (request.args().equals(java.util.List.of(Frames.SHUTDOWN))) {
				Frames.writeExit(out, 0);
				this.shutdown.run();
				return;
			}
			if (!this.fingerprint.isEmpty() && !this.fingerprint.equals(request.fingerprint())) {
				Frames.writeFrame(out, Frames.MISMATCH, this.fingerprint.getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (request.args().equals(java.util.List.of(Frames.PING))) {
				Frames.writeExit(out, 0);
				return;
			}
			Frames.writeExit(out, execute(request, in, out));
		}
		catch (IOException ex) {
			log.debug("A client went away: {}", ex.getMessage());
		}
		finally {
			this.activity.end();
		}
	}

	private int execute(Frames.Request request, DataInputStream in, DataOutputStream socket) {
		PrintWriter stdout = new PrintWriter(new java.io.OutputStreamWriter(new FrameOutputStream(socket, Frames.OUT),
				StandardCharsets.UTF_8));
		PrintWriter stderr = new PrintWriter(new java.io.OutputStreamWriter(new FrameOutputStream(socket, Frames.ERR),
				StandardCharsets.UTF_8), true);
		Invocation invocation = new Invocation(Path.of(request.directory()), request.environment(),
				request.stderrTerminal(), stderr, new AtomicBoolean());
		// a flag, not an interrupt: an interrupted thread would close the socket it writes to
		Thread cancels = new Thread(() -> watchForCancel(in, invocation), "localdb-cancel-watch");
		cancels.setDaemon(true);
		cancels.start();
		try {
			return invocation.run(() -> this.commands.execute(request.args(), stdout, stderr));
		}
		finally {
			stdout.flush();
			stderr.flush();
		}
	}

	/** The client's only message after its request is a cancel; its end (EOF) is not one. */
	private static void watchForCancel(DataInputStream in, Invocation invocation) {
		try {
			if (in.readByte() == Frames.CANCEL) {
				invocation.cancel();
			}
		}
		catch (IOException ex) {
			// the client closed its side, or the command ended
		}
	}

}
