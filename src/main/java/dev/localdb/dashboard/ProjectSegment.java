package dev.localdb.dashboard;

import jakarta.servlet.http.HttpServletRequest;

import dev.localdb.registry.ProjectName;

/**
 * The project a {@code /dashboard/projects/<project>/...} request names, read from the request's
 * raw path. The servlet container drops path parameters before Spring sees the path: from
 * {@code /dashboard/projects/a;b/start} it would start {@code a}. Here the segment must be exactly
 * a project name, or the request is bad input (400, the shell's message).
 */
final class ProjectSegment {

	private static final String PREFIX = "/dashboard/projects/";

	private ProjectSegment() {
	}

	static ProjectName of(HttpServletRequest request) {
		String raw = request.getRequestURI();
		String rest = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : "";
		int slash = rest.indexOf('/');
		String segment = slash >= 0 ? rest.substring(0, slash) : rest;
		return ProjectName.of(segment);
	}

}
