package dev.localdb.registry;

import dev.localdb.os.ProcessIdentity;

/**
 * One project's port in the registry. {@code port}, {@code allocatedAt} and {@code pid} are the
 * seed's fields. While a start is under way the entry is {@link State#RESERVED} and {@code pid}
 * is the reserving process; once the server runs it is {@link State#RUNNING} and {@code pid} is
 * the server. {@code processStart} is the start token of that pid, so a recycled pid is told apart.
 */
public record Allocation(int port, long allocatedAt, long pid, String processStart, State state) {

	public Allocation {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be within 1-65535, was " + port);
		}
		if (allocatedAt < 0) {
			throw new IllegalArgumentException("allocated_at must not be negative");
		}
		if (pid < 0) {
			throw new IllegalArgumentException("pid must not be negative");
		}
		if (state == null) {
			throw new IllegalArgumentException("state is required");
		}
	}

	public static Allocation reserved(int port, long now, ProcessIdentity owner) {
		return new Allocation(port, now, owner.pid(), owner.start(), State.RESERVED);
	}

	public static Allocation running(int port, long allocatedAt, ProcessIdentity server) {
		return new Allocation(port, allocatedAt, server.pid(), server.start(), State.RUNNING);
	}

	/** The process this entry points at, when its start token is known. */
	public ProcessIdentity process() {
		return this.pid > 0 && this.processStart != null ? new ProcessIdentity(this.pid, this.processStart) : null;
	}

	public enum State {

		/** Port reserved, server not started yet. */
		RESERVED,
		/** The server was started and recorded in server.json. */
		RUNNING

	}

}
