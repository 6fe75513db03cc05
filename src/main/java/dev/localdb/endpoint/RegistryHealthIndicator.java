package dev.localdb.endpoint;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;

/** Up when the runtime directory is readable and writable and the registry parses. */
class RegistryHealthIndicator extends AbstractHealthIndicator {

	private final RuntimePaths paths;

	private final RegistryService registry;

	RegistryHealthIndicator(RuntimePaths paths, RegistryService registry) {
		super("The port registry cannot be read");
		this.paths = paths;
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Path runtime = this.paths.ensureRuntime();
		if (!Files.isReadable(runtime) || !Files.isWritable(runtime)) {
			builder.down().withDetail("runtime", runtime.toString()).withDetail("error", "not readable and writable");
			return;
		}
		int allocations = this.registry.read().ports().size();
		builder.up().withDetail("runtime", runtime.toString()).withDetail("allocations", allocations);
	}

}
