package dev.localdb.project;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** The server exited or did not accept connections in time; its port was released. */
class ServerStartFailedException extends LocalDbException {

	ServerStartFailedException(String message) {
		super(Failure.START_FAILED, message);
	}

	ServerStartFailedException(String message, Throwable cause) {
		super(Failure.START_FAILED, message, cause);
	}

}
