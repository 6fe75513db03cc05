package dev.localdb.project;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** The project has no live server to act on. */
public class ProjectNotRunningException extends LocalDbException {

	public ProjectNotRunningException(String message) {
		super(Failure.NOT_FOUND, message);
	}

}
