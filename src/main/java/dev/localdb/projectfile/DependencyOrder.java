package dev.localdb.projectfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.localdb.registry.ProjectName;

/** The order a file's projects start in: each after the projects it depends on, else as written. */
final class DependencyOrder {

	private DependencyOrder() {
	}

	/** The first cycle found, as {@code a -> b -> a}; empty when there is none. */
	static List<ProjectName> cycle(Map<ProjectName, ProjectDefinition> projects) {
		Set<ProjectName> done = new HashSet<>();
		for (ProjectName project : projects.keySet()) {
			List<ProjectName> found = cycleFrom(project, projects, new ArrayList<>(), done);
			if (!found.isEmpty()) {
				return found;
			}
		}
		return List.of();
	}

	private static List<ProjectName> cycleFrom(ProjectName project, Map<ProjectName, ProjectDefinition> projects,
			List<ProjectName> path, Set<ProjectName> done) {
		int seen = path.indexOf(project);
		if (seen >= 0) {
			List<ProjectName> cycle = new ArrayList<>(path.subList(seen, path.size()));
			cycle.add(project);
			return cycle;
		}
		if (done.contains(project) || !projects.containsKey(project)) {
			return List.of();
		}
		path.add(project);
		for (ProjectName dependency : projects.get(project).dependsOn()) {
			List<ProjectName> found = cycleFrom(dependency, projects, path, done);
			if (!found.isEmpty()) {
				return found;
			}
		}
		path.remove(path.size() - 1);
		done.add(project);
		return List.of();
	}

	/**
	 * The {@code named} projects (all, when none is named) and every project they depend on,
	 * dependencies first. The file has no cycle (its reader said so).
	 */
	static List<ProjectDefinition> startOrder(Map<ProjectName, ProjectDefinition> projects, List<ProjectName> named) {
		Set<ProjectName> ordered = new LinkedHashSet<>();
		for (ProjectName project : named.isEmpty() ? projects.keySet() : named) {
			visit(project, projects, ordered);
		}
		return ordered.stream().map(projects::get).toList();
	}

	private static void visit(ProjectName project, Map<ProjectName, ProjectDefinition> projects, Set<ProjectName> ordered) {
		if (ordered.contains(project)) {
			return;
		}
		for (ProjectName dependency : projects.get(project).dependsOn()) {
			visit(dependency, projects, ordered);
		}
		ordered.add(project);
	}

	/** Where {@code project} names {@code dependency} in the file, for a mistake's line and column. */
	static Node whereWritten(Map<String, NodeTuple> byName, ProjectName project, ProjectName dependency) {
		Node dependsOn = ((MappingNode) byName.get(project.value()).getValueNode()).getValue()
			.stream()
			.filter(tuple -> ((ScalarNode) tuple.getKeyNode()).getValue().equals("depends_on"))
			.findFirst()
			.orElseThrow()
			.getValueNode();
		if (dependsOn instanceof SequenceNode sequence) {
			return sequence.getValue()
				.stream()
				.filter(item -> ((ScalarNode) item).getValue().equals(dependency.value()))
				.findFirst()
				.orElse(dependsOn);
		}
		return dependsOn;
	}

}
