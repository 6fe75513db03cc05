package dev.localdb.registry;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry file's content: every project's allocation and when cleanup last ran. Immutable;
 * changes return a new registry.
 */
public record Registry(Map<ProjectName, Allocation> ports, long lastCleanup) {

	public Registry {
		ports = Collections.unmodifiableMap(new TreeMap<>(ports));
		if (lastCleanup < 0) {
			throw new IllegalArgumentException("last_cleanup must not be negative");
		}
	}

	public static Registry empty() {
		return new Registry(Map.of(), 0);
	}

	public Optional<Allocation> allocation(ProjectName project) {
		return Optional.ofNullable(this.ports.get(project));
	}

	/** The project that holds this port, if any. */
	public Optional<ProjectName> holderOf(int port) {
		return this.ports.entrySet()
			.stream()
			.filter(entry -> entry.getValue().port() == port)
			.map(Map.Entry::getKey)
			.findFirst();
	}

	public Registry with(ProjectName project, Allocation allocation) {
		Map<ProjectName, Allocation> changed = new TreeMap<>(this.ports);
		changed.put(project, allocation);
		return new Registry(changed, this.lastCleanup);
	}

	public Registry without(ProjectName project) {
		Map<ProjectName, Allocation> changed = new TreeMap<>(this.ports);
		changed.remove(project);
		return new Registry(changed, this.lastCleanup);
	}

	public Registry cleanedAt(long when) {
		return new Registry(this.ports, when);
	}

}
