package dev.localdb.registry;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place LocalDB's state files (the registry, server.json) meet Jackson. Reading is strict:
 * no coercion of scalars ({@code "3000"} is not a port, {@code 3000.5} is not a whole number), the
 * records' constructors check ranges and required fields, and every failure, whatever Jackson
 * throws, becomes a {@link CorruptFileException} that says what is wrong. Unknown fields are
 * ignored, so a newer LocalDB's file still reads.
 */
final class StateJson {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	private StateJson() {
	}

	/** @param what how the message names the file, e.g. "The registry" */
	static <T> T read(byte[] content, Class<T> type, String what) {
		if (content.length == 0) {
			throw new CorruptFileException(what + " is empty");
		}
		T value;
		try {
			value = JSON.readValue(content, type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new CorruptFileException(what + " " + describe(ex));
		}
		if (value == null) {
			throw new CorruptFileException(what + " is not a JSON object");
		}
		return value;
	}

	static byte[] write(Object value) {
		return JSON.writeValueAsBytes(value);
	}

	/** Jackson's messages go on about sources and offsets; the first clause says what is wrong. */
	private static String describe(Exception ex) {
		if (ex instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
			// a record's constructor refused a value: its message is already the user's
			return "is invalid (" + at(instantiation) + instantiation.getCause().getMessage() + ")";
		}
		String message = ex instanceof JacksonException jackson ? jackson.getOriginalMessage() : ex.getMessage();
		String first = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
		int detail = first.indexOf(" (");
		first = detail > 0 ? first.substring(0, detail) : first;
		return "is not valid (" + (ex instanceof JacksonException jackson ? at(jackson) : "") + first + ")";
	}

	private static String at(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "" : "at '" + path + "': ";
	}

}
