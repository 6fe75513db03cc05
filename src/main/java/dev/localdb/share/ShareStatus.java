package dev.localdb.share;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.localdb.registry.ProjectName;

/**
 * A project's share as {@code list}, the actuator and the dashboard show it: its public URL, the
 * relay, whether the tunnel is up, and since when it is shared.
 */
public record ShareStatus(ProjectName project, String url, String via, State state, boolean auth, boolean keep,
		Instant since) {

	public enum State {

		/** The relay forwards the public URL to the project. */
		SHARING,
		/** The relay connection dropped; LocalDB connects again, waiting longer each time. */
		RECONNECTING;

		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
