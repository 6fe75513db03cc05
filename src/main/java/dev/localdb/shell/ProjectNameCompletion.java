package dev.localdb.shell;

import java.util.List;
import java.util.TreeSet;

import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.springframework.stereotype.Component;

import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;

/** TAB completion of project names: those in the registry and those with a runtime directory. */
@Component("projectNames")
class ProjectNameCompletion implements CompletionProvider {

	private final RegistryService registry;

	private final ServerInfoStore servers;

	ProjectNameCompletion(RegistryService registry, ServerInfoStore servers) {
		this.registry = registry;
		this.servers = servers;
	}

	@Override
	public List<CompletionProposal> apply(CompletionContext context) {
		if (context.getCommandOption() != null) {
			return List.of();
		}
		String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
		TreeSet<ProjectName> names = new TreeSet<>(this.registry.allocations().keySet());
		names.addAll(this.servers.projectsOnDisk());
		return names.stream()
			.map(ProjectName::value)
			.filter(name -> name.startsWith(prefix))
			.map(CompletionProposal::new)
			.toList();
	}

}
