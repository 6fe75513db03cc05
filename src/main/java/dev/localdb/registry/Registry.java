package dev.localdb.registry;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The registry file's content, exactly the seed's shape:
 * {@code {"ports": {"<project>": {"port", "allocated_at", "pid"}}, "last_cleanup"}} (LocalDB adds
 * {@code process_start} and {@code state} to each entry). {@code last_cleanup} is epoch
 * milliseconds, 0 when cleanup never ran. Immutable; changes return a new registry. No port is
 * ever given to two projects: a file that says otherwise does not read.
 */
public record Registry(Map<ProjectName, Allocation> ports, @JsonProperty("last_cleanup") long lastCleanup) {

	public Registry {
		if (ports == null) {
			throw new IllegalArgumentException("there is no 'ports' object");
		}
		ports = Collections.unmodifiableMap(new TreeMap<>(ports));
		if (lastCleanup < 0) {
			throw new IllegalArgumentException("'last_cleanup' must not be negative");
		}
		if (ports.values().stream().map(Allocation::port).distinct().count() != ports.size()) {
			throw new IllegalArgumentException("one port is given to two projects");
		}
	}

	@JsonCreator
	static Registry fromJson(@JsonProperty("ports") Map<ProjectName, Allocation> ports,
			@JsonProperty("last_cleanup") Long lastCleanup) {
		return new Registry(ports, lastCleanup == null ? 0 : lastCleanup);
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
