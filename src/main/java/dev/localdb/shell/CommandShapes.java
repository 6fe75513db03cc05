package dev.localdb.shell;

import java.util.Map;

/** How many positional arguments each command takes, by command name; more is a usage error. */
record CommandShapes(Map<String, Integer> arguments) {

	CommandShapes {
		arguments = Map.copyOf(arguments);
	}

}
