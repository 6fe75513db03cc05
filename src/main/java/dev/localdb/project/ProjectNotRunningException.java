package dev.localdb.project;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** The project has no live server to act on. */
class ProjectNotRunningException extends LocalDbException {

	ProjectNotRunningException(String message) {
		super(Failure.NOT_FOUND, message);
	}

}
