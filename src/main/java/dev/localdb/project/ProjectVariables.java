package dev.localdb.project;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * What {@code localdb env} prints and {@code localdb exec} adds to a command's environment: the
 * variables the project's server gets from LocalDB (PORT, PROJECT_NAME, LOCALDB_HOST) and its URL
 * (LOCALDB_URL), for the port it holds. Never its {@code --env} values: those are the server's.
 */
public final class ProjectVariables {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final String defaultHost;

	public ProjectVariables(RegistryService registry, ServerInfoStore servers, String defaultHost) {
		this.registry = registry;
		this.servers = servers;
		this.defaultHost = defaultHost;
	}

	/** In this order; a project that holds no port is not found (exit 3). */
	public Map<String, String> of(ProjectName project) {
		int port = this.registry.allocation(project)
			.map(Allocation::port)
			.orElseThrow(() -> new LocalDbException(Failure.NOT_FOUND,
					"Project '" + project + "' holds no port. Start it with 'localdb start " + project + "'."));
		// the address its server listens on: this run's, else the remembered one, else the default
		String host = this.servers.read(project)
			.map(ServerInfo::host)
			.or(() -> this.servers.remembered(project).map(RememberedProject::host))
			.orElse(this.defaultHost);
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("PORT", Integer.toString(port));
		variables.put("PROJECT_NAME", project.value());
		variables.put("LOCALDB_HOST", host);
		variables.put("LOCALDB_URL", ServerInfo.url(host, port));
		return variables;
	}

}
