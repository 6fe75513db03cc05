package dev.localdb.registry;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The environment a project's server gets, remembered in {@code runtime/<project>/.studio/env.json}
 * (mode 0600, like every state file, in the 0700 runtime tree) and never in project.json, whose
 * contents {@code list} and the dashboard show: {@code variables} are those of {@code --env} and
 * {@code --env-file}, {@code shell} the environment of the user's shell at the last start by hand
 * (null when none was known), so a restart by the daemon's supervisor sees what the user's shell
 * had, not the daemon's. Values are secrets: nothing shows them.
 */
@JsonPropertyOrder({ "variables", "shell" })
public record RememberedEnvironment(Map<String, String> variables, Map<String, String> shell) {

	public RememberedEnvironment {
		variables = variables == null ? Map.of() : Map.copyOf(variables);
		shell = shell == null ? null : Map.copyOf(shell);
	}

	/** Sorted, so the file reads the same however the maps were built. */
	@Override
	public Map<String, String> variables() {
		return new TreeMap<>(this.variables);
	}

	@Override
	public Map<String, String> shell() {
		return this.shell == null ? null : new TreeMap<>(this.shell);
	}

	/** Names only: what may be shown. */
	@Override
	public String toString() {
		return "RememberedEnvironment" + new TreeMap<>(this.variables).keySet();
	}

}
