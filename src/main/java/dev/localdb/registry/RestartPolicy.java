package dev.localdb.registry;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Whether the daemon starts a project's server again when it exits on its own
 * ({@code --restart always|on-failure|no}); project.json holds {@code "always"} or
 * {@code "on-failure"}, and nothing for {@link #NO}.
 */
public enum RestartPolicy {

	/**
	 * As {@link #ON_FAILURE}, and also started again by a daemon that starts after its server went
	 * away without a {@code stop} (a reboot, a daemon that was stopped or killed meanwhile).
	 */
	ALWAYS,
	/** Started again on its port when it exits on its own; a {@code stop} is never undone. */
	ON_FAILURE,
	/** Never started again by the daemon. */
	NO;

	/** Whether the daemon's supervisor starts its server again when it exits on its own. */
	public boolean restartsOnExit() {
		return this != NO;
	}

	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static RestartPolicy of(String label) {
		for (RestartPolicy policy : values()) {
			if (policy.label().equals(label)) {
				return policy;
			}
		}
		throw new IllegalArgumentException("unknown restart policy '" + label + "'");
	}

	/** The {@code --restart} option; null when it was not given. */
	public static RestartPolicy fromOption(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new LocalDbException(Failure.USAGE, "--restart takes 'always', 'on-failure' or 'no', not '" + value + "'.");
		}
	}

}
