package dev.localdb.registry;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Strict reading of the small JSON files LocalDB owns: a wrong type is an error, never a guess. */
final class JsonFields {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonFields() {
	}

	static JsonNode parseObject(byte[] content, String what) {
		if (content.length == 0) {
			throw new CorruptFileException(what + " is empty");
		}
		JsonNode root;
		try {
			root = JSON.readTree(content);
		}
		catch (JacksonException ex) {
			throw new CorruptFileException(what + " is not valid JSON (" + firstClause(ex.getOriginalMessage()) + ")");
		}
		if (root == null || !root.isObject()) {
			throw new CorruptFileException(what + " is not a JSON object");
		}
		return root;
	}

	/** Jackson's messages go on about sources and offsets; the first clause says what is wrong. */
	private static String firstClause(String message) {
		String first = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
		int detail = first.indexOf(" (");
		return detail > 0 ? first.substring(0, detail) : first;
	}

	static long requireLong(JsonNode parent, String field, long min, long max, String where) {
		JsonNode node = parent.get(field);
		if (node == null || node.isNull()) {
			throw new CorruptFileException(where + ": '" + field + "' is missing");
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw new CorruptFileException(where + ": '" + field + "' is not a whole number");
		}
		long value = node.longValue();
		if (value < min || value > max) {
			throw new CorruptFileException(where + ": '" + field + "' is " + value + ", outside " + min + "-" + max);
		}
		return value;
	}

	static String optionalString(JsonNode parent, String field, String where) {
		JsonNode node = parent.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new CorruptFileException(where + ": '" + field + "' is not a string");
		}
		return node.stringValue();
	}

	static String requireString(JsonNode parent, String field, String where) {
		String value = optionalString(parent, field, where);
		if (value == null || value.isBlank()) {
			throw new CorruptFileException(where + ": '" + field + "' is missing");
		}
		return value;
	}

	static byte[] write(JsonNode node) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
	}

}
