package dev.localdb.shell;

import java.util.List;
import java.util.TreeSet;

import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;

/**
 * TAB completion of project names: every project LocalDB knows (in the registry, or remembered in
 * its runtime directory) for {@code start} and {@code restart}; only those holding a port for
 * {@code stop} and {@code port}, where a stopped project would only give an error.
 */
class ProjectNameCompletion implements CompletionProvider {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	private final boolean holdingAPortOnly;

	ProjectNameCompletion(RegistryService registry, ServerInfoStore servers, boolean holdingAPortOnly) {
		this.registry = registry;
		this.servers = servers;
		this.holdingAPortOnly = holdingAPortOnly;
	}

	@Override
	public List<CompletionProposal> apply(CompletionContext context) {
		if (context.getCommandOption() != null) {
			return List.of();
		}
		String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
		TreeSet<ProjectName> names = new TreeSet<>(this.registry.allocations().keySet());
		if (!this.holdingAPortOnly) {
			names.addAll(this.servers.projectsOnDisk());
		}
		return names.stream()
			.map(ProjectName::value)
			.filter(name -> name.startsWith(prefix))
			.map(CompletionProposal::new)
			.toList();
	}

}
