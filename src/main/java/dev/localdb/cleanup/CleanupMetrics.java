package dev.localdb.cleanup;

import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.localdb.registry.RegistryService;

/**
 * Micrometer meters: {@code localdb.allocations} (entries in the registry now) and
 * {@code localdb.cleanup.removed} (stale allocations removed by this process). Bound only where a
 * meter registry exists (the web modes); one-shot commands never build one.
 */
class CleanupMetrics implements MeterBinder, Consumer<CleanupResult> {

	private final RegistryService registry;

	private volatile Counter removed;

	CleanupMetrics(RegistryService registry) {
		this.registry = registry;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		Gauge.builder("localdb.allocations", this.registry, r -> r.allocations().size())
			.description("Port allocations in the LocalDB registry")
			.register(meters);
		this.removed = Counter.builder("localdb.cleanup.removed")
			.description("Stale port allocations removed by cleanup")
			.register(meters);
	}

	@Override
	public void accept(CleanupResult result) {
		Counter counter = this.removed;
		if (counter != null && result.count() > 0) {
			counter.increment(result.count());
		}
	}

}
