package dev.localdb.registry;

/** A state file that cannot be trusted: empty, truncated, not JSON, or with wrong values. */
final class CorruptFileException extends RuntimeException {

	CorruptFileException(String message) {
		super(message);
	}

}
