package dev.localdb.registry;

/**
 * A running server's two records, server.json and its registry entry, always changed together
 * under the registry lock: a reader of the registry (cleanup, another start) never sees a running
 * allocation without its server.json, nor a server.json whose port is free for the taking.
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
		this.registry.locked(() -> {
			this.servers.write(project, info);
			this.registry.update(current -> current.with(project,
					Allocation.running(info.port(), allocatedAt, info.shownProcess())));
			return null;
		});
	}

	/**
	 * Rewrites server.json of a recorded server (e.g. once it listens) and points its allocation at
	 * the process users see (its listener).
	 */
	public void update(ProjectName project, ServerInfo info) {
		this.registry.locked(() -> {
			this.servers.write(project, info);
			this.registry.update(current -> current.allocation(project)
				.map(held -> current.with(project, Allocation.running(held.port(), held.allocatedAt(), info.shownProcess())))
				.orElse(current));
			return null;
		});
	}

	/**
	 * Records how a run ended, when server.json still names that run: not after a stop (it removes
	 * server.json first) nor once another run started.
	 */
	public void recordExit(ProjectName project, ServerInfo run, ExitRecord exit) {
		if (!names(project, run)) {
			return;
		}
		this.registry.locked(() -> {
			if (names(project, run)) {
				this.servers.recordExit(project, exit);
			}
			return null;
		});
	}

	private boolean names(ProjectName project, ServerInfo run) {
		return this.servers.read(project).map(ServerInfo::process).filter(run.process()::equals).isPresent();
	}

	/** Removes server.json and the registry entry. */
	public void unrecord(ProjectName project) {
		this.registry.locked(() -> {
			this.servers.delete(project);
			this.registry.release(project);
			return null;
		});
	}

	/** Removes a server.json whose server is gone; the allocation stays for the next start. */
	public void forgetServer(ProjectName project) {
		this.registry.locked(() -> this.servers.delete(project));
	}

}
