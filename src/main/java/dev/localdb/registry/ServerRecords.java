package dev.localdb.registry;

import java.util.List;

/**
 * A running server's two records, server.json and its registry entry, always changed together
 * under the registry lock: a reader of the registry (cleanup, another start) never sees a running
 * allocation without its server.json, nor a server.json whose port is free for the taking. An
 * instance's named ports ({@code api:debug}) are marked running by its server with it.
 */
public class ServerRecords {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	public ServerRecords(RegistryService registry, ServerInfoStore servers) {
		this.registry = registry;
		this.servers = servers;
	}

	/** Writes server.json and marks the project's allocation running, by this server. */
	public void record(ProjectName project, ServerInfo info, long allocatedAt) {
		record(PortKey.of(project), info, allocatedAt, List.of());
	}

	/**
	 * Writes the instance's server.json and marks its allocation, and those of its named ports,
	 * running by this server.
	 */
	public void record(PortKey instance, ServerInfo info, long allocatedAt, List<PortKey> namedPorts) {
		this.registry.locked(() -> {
			this.servers.write(instance, info);
			this.registry.update(current -> {
				Registry changed = current.with(instance, Allocation.running(info.port(), allocatedAt, info.shownProcess()));
				return pointNamedPorts(changed, namedPorts, info);
			});
			return null;
		});
	}

	/**
	 * Rewrites server.json of a recorded server (e.g. once it listens) and points its allocation at
	 * the process users see (its listener).
	 */
	public void update(ProjectName project, ServerInfo info) {
		update(PortKey.of(project), info, List.of());
	}

	public void update(PortKey instance, ServerInfo info, List<PortKey> namedPorts) {
		this.registry.locked(() -> {
			this.servers.write(instance, info);
			this.registry.update(current -> pointNamedPorts(current.allocation(instance)
				.map(held -> current.with(instance, Allocation.running(held.port(), held.allocatedAt(), info.shownProcess())))
				.orElse(current), namedPorts, info));
			return null;
		});
	}

	private static Registry pointNamedPorts(Registry registry, List<PortKey> namedPorts, ServerInfo info) {
		Registry changed = registry;
		for (PortKey named : namedPorts) {
			Registry before = changed;
			changed = before.allocation(named)
				.map(held -> before.with(named, Allocation.running(held.port(), held.allocatedAt(), info.shownProcess())))
				.orElse(before);
		}
		return changed;
	}

	/**
	 * Records how a run ended, when server.json still names that run: not after a stop (it removes
	 * server.json first) nor once another run started.
	 */
	public void recordExit(ProjectName project, ServerInfo run, ExitRecord exit) {
		recordExit(PortKey.of(project), run, exit);
	}

	public void recordExit(PortKey instance, ServerInfo run, ExitRecord exit) {
		if (!names(instance, run)) {
			return;
		}
		this.registry.locked(() -> {
			if (names(instance, run)) {
				this.servers.recordExit(instance, exit);
			}
			return null;
		});
	}

	private boolean names(PortKey instance, ServerInfo run) {
		return this.servers.read(instance).map(ServerInfo::process).filter(run.process()::equals).isPresent();
	}

	/** Removes server.json and the registry entry. */
	public void unrecord(ProjectName project) {
		unrecord(PortKey.of(project));
	}

	/** Removes the instance's server.json and its registry entry (its named ports stay: see {@link #release}). */
	public void unrecord(PortKey instance) {
		this.registry.locked(() -> {
			this.servers.delete(instance);
			this.registry.release(instance);
			return null;
		});
	}

	/** Removes the registry entries of these named ports. */
	public void release(List<PortKey> namedPorts) {
		if (namedPorts.isEmpty()) {
			return;
		}
		this.registry.update(current -> {
			Registry changed = current;
			for (PortKey named : namedPorts) {
				changed = changed.without(named);
			}
			return changed;
		});
	}

	/** Removes a server.json whose server is gone; the allocation stays for the next start. */
	public void forgetServer(ProjectName project) {
		forgetServer(PortKey.of(project));
	}

	public void forgetServer(PortKey instance) {
		this.registry.locked(() -> this.servers.delete(instance));
	}

}
