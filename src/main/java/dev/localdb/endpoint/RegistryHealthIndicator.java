package dev.localdb.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.localdb.registry.RegistryService;
import dev.localdb.registry.RuntimePaths;

/**
 * Up when the runtime directory is readable and writable, its disk has room for the registry's
 * atomic writes, and the registry parses. It replaces Spring Boot's disk-space check, which
 * measures the working directory and publishes its path.
 */
class RegistryHealthIndicator extends AbstractHealthIndicator {

	private static final long MIN_FREE_BYTES = 10L * 1024 * 1024;

	private final RuntimePaths paths;

	private final RegistryService registry;

	RegistryHealthIndicator(RuntimePaths paths, RegistryService registry) {
		super("The port registry cannot be read");
		this.paths = paths;
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws IOException {
		Path runtime = this.paths.ensureRuntime();
		if (!Files.isReadable(runtime) || !Files.isWritable(runtime)) {
			builder.down().withDetail("error", "the runtime directory is not readable and writable");
			return;
		}
		long free = Files.getFileStore(runtime).getUsableSpace();
		int allocations = this.registry.read().ports().size();
		// no paths: whatever reaches the web port learns nothing about this machine's layout
		builder.status(free < MIN_FREE_BYTES ? Status.DOWN : Status.UP)
			.withDetail("allocations", allocations)
			.withDetail("freeDiskBytes", free);
	}

}
