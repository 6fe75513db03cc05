package dev.localdb.project;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;

/**
 * A started (or already running) project: where it listens and which process serves it.
 * {@code replaced} is true when a restart stopped a running server first; {@code note} is what the
 * user should know (one line each), e.g. that the requested port was taken. {@code instance} is
 * which server of the project this is (1 unless it runs a cluster), {@code ports} its named ports
 * ({@code --ports}) by name, and {@code others} the further instances of a cluster, in order (left out
 * of JSON: {@code start --json} lists every instance, this one first, as {@code instances}).
 */
public record StartResult(ProjectName project, int port, long pid, String url, boolean alreadyRunning,
		Optional<String> note, boolean replaced, int instance, Map<String, Integer> ports, @JsonIgnore List<StartResult> others) {

	public StartResult {
		ports = ports == null ? Map.of() : new TreeMap<>(ports);
		others = others == null ? List.of() : List.copyOf(others);
	}

	/** The server of {@code project} as server.json records it, its listener's pid shown. */
	static StartResult of(ProjectName project, ServerInfo server, boolean alreadyRunning, Optional<String> note) {
		return of(PortKey.of(project), server, alreadyRunning, note, Map.of());
	}

	static StartResult of(PortKey instance, ServerInfo server, boolean alreadyRunning, Optional<String> note,
			Map<String, Integer> ports) {
		return new StartResult(instance.project(), server.port(), server.shownPid(), server.url(), alreadyRunning, note,
				false, instance.instance(), ports, List.of());
	}

	StartResult replacing() {
		return new StartResult(this.project, this.port, this.pid, this.url, this.alreadyRunning, this.note, true,
				this.instance, this.ports, this.others);
	}

	StartResult withOthers(List<StartResult> others) {
		return new StartResult(this.project, this.port, this.pid, this.url, this.alreadyRunning, this.note,
				this.replaced, this.instance, this.ports, others);
	}

	/** Every instance, the first one first. */
	public List<StartResult> all() {
		return Stream.concat(Stream.of(this), this.others.stream()).toList();
	}

}
