package dev.localdb.registry;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code server.json}: the seed's {@code pid}, {@code port}, {@code started_at}, and LocalDB's extras. */
final class ServerInfoCodec {

	private ServerInfoCodec() {
	}

	static ServerInfo decode(byte[] content) {
		JsonNode root = JsonFields.parseObject(content, "server.json");
		String where = "server.json";
		long pid = JsonFields.requireLong(root, "pid", 1, Integer.MAX_VALUE * 2L, where);
		int port = (int) JsonFields.requireLong(root, "port", 1, 65535, where);
		Instant startedAt;
		try {
			startedAt = Instant.parse(JsonFields.requireString(root, "started_at", where));
		}
		catch (DateTimeParseException ex) {
			throw new CorruptFileException(where + ": 'started_at' is not an ISO-8601 instant");
		}
		String processStart = JsonFields.requireString(root, "process_start", where);
		String host = JsonFields.requireString(root, "host", where);
		String command = JsonFields.optionalString(root, "command", where);
		return new ServerInfo(pid, port, startedAt, processStart, host, command);
	}

	static byte[] encode(ServerInfo info) {
		ObjectNode root = JsonFields.JSON.createObjectNode();
		root.put("pid", info.pid());
		root.put("port", info.port());
		root.put("started_at", info.startedAt().toString());
		root.put("process_start", info.processStart());
		root.put("host", info.host());
		if (info.command() == null) {
			root.putNull("command");
		}
		else {
			root.put("command", info.command());
		}
		root.put("url", info.url());
		return JsonFields.write(root);
	}

}
