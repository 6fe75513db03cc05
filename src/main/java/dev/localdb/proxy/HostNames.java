package dev.localdb.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.localdb.registry.ProjectName;

/**
 * What a request's {@code Host} names: LocalDB's own pages (a loopback name, or
 * {@code localdb.localhost}), a project ({@code <name>.localhost}, whose sub-names route to it too),
 * or something else, refused: a page of another site that rebound its own name to 127.0.0.1 (DNS
 * rebinding) must not read what LocalDB or a project answers.
 */
final class HostNames {

	private static final String SUFFIX = ".localhost";

	private final Set<String> own;

	/** @param configuredAddress {@code server.address}, also LocalDB's own when the user set one */
	HostNames(String configuredAddress) {
		Set<String> names = new HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]", "localdb.localhost"));
		if (configuredAddress != null && !configuredAddress.isBlank()) {
			String lower = configuredAddress.toLowerCase(Locale.ROOT);
			names.add(lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower);
		}
		this.own = Set.copyOf(names);
	}

	/** Where a request for this Host goes. */
	sealed interface Route permits Own, Project, Foreign {
	}

	record Own() implements Route {
	}

	/** @param candidates the project names it may mean, longest first ({@code api.diary}, then {@code diary}) */
	record Project(List<ProjectName> candidates) implements Route {

		/** The name a user most likely meant when none is known: the last label before {@code .localhost}. */
		ProjectName shortest() {
			return this.candidates.get(this.candidates.size() - 1);
		}

	}

	record Foreign(String host) implements Route {
	}

	Route route(String hostHeader) {
		if (hostHeader == null || hostHeader.isBlank()) {
			return new Foreign("");
		}
		String host = name(hostHeader);
		if (this.own.contains(host)) {
			return new Own();
		}
		if (!host.endsWith(SUFFIX)) {
			return new Foreign(host);
		}
		String labels = host.substring(0, host.length() - SUFFIX.length());
		List<ProjectName> candidates = new ArrayList<>();
		for (String name = labels; !name.isEmpty(); name = name.indexOf('.') < 0 ? "" : name.substring(name.indexOf('.') + 1)) {
			if (ProjectName.isValid(name)) {
				candidates.add(ProjectName.of(name));
			}
		}
		return candidates.isEmpty() ? new Foreign(host) : new Project(List.copyOf(candidates));
	}

	/** {@code Diary.localhost:10400} → {@code diary.localhost}; {@code [::1]:10400} → {@code [::1]}; a trailing dot goes. */
	static String name(String hostHeader) {
		String host = hostHeader.strip().toLowerCase(Locale.ROOT);
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return end > 0 ? host.substring(0, end + 1) : host;
		}
		int colon = host.indexOf(':');
		host = colon >= 0 ? host.substring(0, colon) : host;
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

}
