package dev.localdb.health;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.localdb.os.ProcessTable;
import dev.localdb.registry.HealthMode;
import dev.localdb.registry.HealthRecord;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RememberedProject;
import dev.localdb.registry.ServerInfo;
import dev.localdb.registry.ServerInfoStore;

/** The daemon's health checks: every running project, every {@code localdb.health.interval}. */
final class HealthMonitor {

	private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final ProcessTable processes;

	private final HealthChecker checker;

	HealthMonitor(RegistryService registry, ServerInfoStore servers, ProcessTable processes, HealthChecker checker) {
		this.registry = registry;
		this.servers = servers;
		this.processes = processes;
		this.checker = checker;
	}

	@Scheduled(fixedDelayString = "${localdb.health.interval:10s}", initialDelayString = "${localdb.health.interval:10s}")
	void checkAll() {
		// every server: a project's own and each instance of a cluster (api#2); not named ports
		for (PortKey instance : this.registry.read().entries().keySet()) {
			if (instance.port() != null) {
				continue;
			}
			Optional<ServerInfo> server = this.servers.read(instance)
				.filter(info -> info.ready() && this.processes.isRunning(info.processes()));
			if (server.isPresent()) {
				check(instance, server.get());
			}
		}
	}

	HealthRecord check(ProjectName project, ServerInfo server) {
		return check(PortKey.of(project), server);
	}

	HealthRecord check(PortKey instance, ServerInfo server) {
		Optional<HealthRecord> previous = this.servers.health(instance);
		HealthMode mode = this.servers.remembered(instance.project()).map(RememberedProject::health).orElse(null);
		HealthRecord health = this.checker.check(server, mode, previous);
		if (previous.map(HealthRecord::status).filter(health.status()::equals).isEmpty()) {
			log.info("{} is {}: {}", instance, health.status(), health.detail());
		}
		this.servers.recordHealth(instance, health);
		return health;
	}

}
