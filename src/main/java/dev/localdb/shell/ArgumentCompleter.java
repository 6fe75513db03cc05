package dev.localdb.shell;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.jline.CommandCompleter;

/**
 * TAB completion past the command name. Spring Shell 4.0.1's completer finds the command only when
 * every word before the cursor is part of its name, so {@code stop di<TAB>} and
 * {@code start diary --<TAB>} complete nothing. Here the command's completion provider (project
 * names) answers for its argument, and its options complete anywhere on the line.
 * Upstream: spring-projects/spring-shell#1346 reports this on 4.0.2; PR #1355 (commit 38afd8c)
 * fixes it and was first released in 4.0.3, which this build's repository does not serve. On
 * 4.0.3 or later, once {@code stop di<TAB>} and {@code start diary --<TAB>} complete with the plain
 * {@link CommandCompleter}, this class can go.
 */
class ArgumentCompleter extends CommandCompleter {

	private final CommandRegistry registry;

	ArgumentCompleter(CommandRegistry registry) {
		super(registry);
		this.registry = registry;
	}

	@Override
	public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
		List<String> words = line.words();
		Command command = line.wordIndex() >= 1 ? this.registry.getCommandByName(words.get(0)) : null;
		if (command == null) {
			super.complete(reader, line, candidates);
			return;
		}
		String current = line.word().substring(0, line.wordCursor());
		String previous = words.get(line.wordIndex() - 1);
		if (current.startsWith("-")) {
			for (CommandOption option : command.getOptions()) {
				String name = "--" + option.longName();
				if (name.startsWith(current) && !words.contains(name)) {
					candidates.add(new Candidate(name));
				}
			}
		}
		else if (!expectsValue(command, previous)) {
			CompletionContext context = new CompletionContext(words, line.wordIndex(), line.wordCursor(), command,
					null);
			command.getCompletionProvider()
				.apply(context)
				.forEach(proposal -> candidates.add(new Candidate(proposal.value())));
		}
	}

	private static boolean expectsValue(Command command, String word) {
		return command.getOptions()
			.stream()
			.anyMatch(option -> ("--" + option.longName()).equals(word) && option.type() != Boolean.class
					&& option.type() != boolean.class);
	}

}
