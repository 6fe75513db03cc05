package dev.localdb.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The registry file's content, exactly the seed's shape:
 * {@code {"ports": {"<project>": {"port", "allocated_at", "pid"}}, "last_cleanup"}} (LocalDB adds
 * {@code process_start} and {@code state} to each entry). {@code last_cleanup} is epoch
 * milliseconds, 0 when cleanup never ran. Immutable; changes return a new registry. No port is
 * ever given to two entries: a file that says otherwise does not read. Besides a project's own
 * entry, {@code ports} holds the further instances of a cluster and named ports, under names no
 * project can have ({@link PortKey}: {@code api#2}, {@code api:debug}).
 */
@JsonPropertyOrder({ "ports", "last_cleanup" })
public record Registry(@JsonProperty("ports") Map<PortKey, Allocation> entries,
		@JsonProperty("last_cleanup") long lastCleanup) {

	public Registry {
		if (entries == null) {
			throw new IllegalArgumentException("there is no 'ports' object");
		}
		entries = Collections.unmodifiableNavigableMap(new TreeMap<>(entries));
		if (lastCleanup < 0) {
			throw new IllegalArgumentException("'last_cleanup' must not be negative");
		}
		if (entries.values().stream().map(Allocation::port).distinct().count() != entries.size()) {
			throw new IllegalArgumentException("one port is given to two projects");
		}
	}

	@JsonCreator
	static Registry fromJson(@JsonProperty("ports") Map<PortKey, Allocation> ports,
			@JsonProperty("last_cleanup") Long lastCleanup) {
		return new Registry(ports, lastCleanup == null ? 0 : lastCleanup);
	}

	public static Registry empty() {
		return new Registry(Map.of(), 0);
	}

	/** The projects' own entries, by project (an instance or a named port is not a project). */
	@JsonIgnore
	public Map<ProjectName, Allocation> ports() {
		Map<ProjectName, Allocation> projects = new LinkedHashMap<>();
		this.entries.forEach((key, allocation) -> {
			if (key.isProject()) {
				projects.put(key.project(), allocation);
			}
		});
		return Collections.unmodifiableMap(projects);
	}

	public Optional<Allocation> allocation(ProjectName project) {
		return allocation(PortKey.of(project));
	}

	public Optional<Allocation> allocation(PortKey key) {
		return Optional.ofNullable(this.entries.get(key));
	}

	/** The entries of one project: its own, its instances', its named ports'. */
	public Map<PortKey, Allocation> entriesOf(ProjectName project) {
		// a project's entries sort together, from the project's own (instance 1, no port name) on:
		// list reads them for each of 1000 projects, so no scan of the whole registry each time
		Map<PortKey, Allocation> of = new TreeMap<>();
		for (Map.Entry<PortKey, Allocation> entry : ((NavigableMap<PortKey, Allocation>) this.entries)
			.tailMap(PortKey.of(project), true)
			.entrySet()) {
			if (!entry.getKey().project().equals(project)) {
				break;
			}
			of.put(entry.getKey(), entry.getValue());
		}
		return of;
	}

	/** The project that holds this port (for an instance or a named port, its project), if any. */
	public Optional<ProjectName> holderOf(int port) {
		return entryOf(port).map(PortKey::project);
	}

	/** The entry that holds this port, if any. */
	public Optional<PortKey> entryOf(int port) {
		return this.entries.entrySet()
			.stream()
			.filter(entry -> entry.getValue().port() == port)
			.map(Map.Entry::getKey)
			.findFirst();
	}

	public Registry with(ProjectName project, Allocation allocation) {
		return with(PortKey.of(project), allocation);
	}

	public Registry with(PortKey key, Allocation allocation) {
		Map<PortKey, Allocation> changed = new TreeMap<>(this.entries);
		changed.put(key, allocation);
		return new Registry(changed, this.lastCleanup);
	}

	public Registry without(ProjectName project) {
		return without(PortKey.of(project));
	}

	public Registry without(PortKey key) {
		Map<PortKey, Allocation> changed = new TreeMap<>(this.entries);
		changed.remove(key);
		return new Registry(changed, this.lastCleanup);
	}

	public Registry cleanedAt(long when) {
		return new Registry(this.entries, when);
	}

}
