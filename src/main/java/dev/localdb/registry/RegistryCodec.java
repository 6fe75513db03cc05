package dev.localdb.registry;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry file's JSON, exactly the seed's shape:
 * {@code {"ports": {"<project>": {"port", "allocated_at", "pid"}}, "last_cleanup"}}. LocalDB adds
 * {@code process_start} and {@code state} to each entry; a file without them (written by the
 * seed's tool) still reads.
 */
final class RegistryCodec {

	private static final long MAX_TIME = 253402300799999L; // 9999-12-31

	private RegistryCodec() {
	}

	static Registry decode(byte[] content) {
		JsonNode root = JsonFields.parseObject(content, "The registry");
		JsonNode ports = root.get("ports");
		if (ports == null || !ports.isObject()) {
			throw new CorruptFileException("The registry has no 'ports' object");
		}
		long lastCleanup = root.has("last_cleanup") && !root.get("last_cleanup").isNull()
				? JsonFields.requireLong(root, "last_cleanup", 0, MAX_TIME, "The registry") : 0;
		Map<ProjectName, Allocation> allocations = new TreeMap<>();
		for (Map.Entry<String, JsonNode> entry : ports.properties()) {
			String where = "Entry '" + entry.getKey() + "'";
			if (!ProjectName.isValid(entry.getKey())) {
				throw new CorruptFileException(where + " is not a valid project name");
			}
			JsonNode value = entry.getValue();
			if (!value.isObject()) {
				throw new CorruptFileException(where + " is not an object");
			}
			int port = (int) JsonFields.requireLong(value, "port", 1, 65535, where);
			long allocatedAt = JsonFields.requireLong(value, "allocated_at", 0, MAX_TIME, where);
			long pid = JsonFields.requireLong(value, "pid", 0, Integer.MAX_VALUE * 2L, where);
			String processStart = JsonFields.optionalString(value, "process_start", where);
			String state = JsonFields.optionalString(value, "state", where);
			Allocation.State parsedState;
			try {
				parsedState = state == null ? Allocation.State.RUNNING
						: Allocation.State.valueOf(state.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new CorruptFileException(where + ": unknown state '" + state + "'");
			}
			allocations.put(ProjectName.of(entry.getKey()),
					new Allocation(port, allocatedAt, pid, processStart, parsedState));
		}
		Registry registry = new Registry(allocations, lastCleanup);
		if (registry.ports().values().stream().map(Allocation::port).distinct().count() != allocations.size()) {
			throw new CorruptFileException("The registry gives one port to two projects");
		}
		return registry;
	}

	static byte[] encode(Registry registry) {
		ObjectNode root = JsonFields.JSON.createObjectNode();
		ObjectNode ports = root.putObject("ports");
		registry.ports().forEach((project, allocation) -> {
			ObjectNode entry = ports.putObject(project.value());
			entry.put("port", allocation.port());
			entry.put("allocated_at", allocation.allocatedAt());
			entry.put("pid", allocation.pid());
			if (allocation.processStart() != null) {
				entry.put("process_start", allocation.processStart());
			}
			entry.put("state", allocation.state().name().toLowerCase(Locale.ROOT));
		});
		root.put("last_cleanup", registry.lastCleanup());
		return JsonFields.write(root);
	}

}
