package dev.localdb.shell;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Turns the words of a command line into Spring Shell's {@link ParsedInput}, word for word: one
 * argv element stays one value, with its quotes, backslashes, {@code $}, newlines and all. Spring
 * Shell 4.0.1's own parser takes one string and splits it again on blanks outside double quotes,
 * which mangles {@code --command 'echo "$X"'}; it also ignores unknown options and extra
 * arguments. Here each of those is a usage error that names what to do. Upstream: up to 4.0.3
 * (the latest release) the non-interactive runner still joins the arguments with blanks and parses
 * the string again, so no release retires this class yet.
 */
final class CommandWords {

	private CommandWords() {
	}

	/**
	 * @param arguments how many positional arguments each command takes
	 */
	static ParsedInput parse(List<String> words, CommandRegistry registry, Map<String, Integer> arguments) {
		if (words.isEmpty()) {
			throw new CommandLine.UsageException("No command given. Run 'localdb help' to list the commands.");
		}
		int nameLength = commandNameLength(words, registry);
		String name = String.join(" ", words.subList(0, nameLength));
		Command command = registry.getCommandByName(name);
		ParsedInput.Builder input = ParsedInput.builder().commandName(words.get(0));
		words.subList(1, nameLength).forEach(input::addSubCommand);
		int position = 0;
		boolean onlyArguments = false;
		for (int i = nameLength; i < words.size(); i++) {
			String word = words.get(i);
			if (!onlyArguments && word.equals("--")) {
				onlyArguments = true;
			}
			else if (!onlyArguments && isOption(word)) {
				String[] nameAndValue = word.split("=", 2);
				if (isHelp(nameAndValue[0])) {
					input.addOption(CommandOption.with().shortName('h').longName("help").value("true").build());
					continue;
				}
				CommandOption declared = declared(command, nameAndValue[0]);
				String value;
				if (isFlag(declared)) {
					value = nameAndValue.length > 1 ? nameAndValue[1] : "true";
				}
				else if (nameAndValue.length > 1) {
					value = nameAndValue[1];
				}
				else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
					value = words.get(++i);
				}
				else {
					throw new CommandLine.UsageException("Option '--" + declared.longName() + "' requires a value. See '"
							+ name + " --help'.");
				}
				input.addOption(CommandOption.with()
					.shortName(declared.shortName())
					.longName(declared.longName())
					.value(value)
					.build());
			}
			else {
				int allowed = arguments.getOrDefault(name, 0);
				if (position >= allowed) {
					throw new CommandLine.UsageException("Unexpected argument '" + word + "': '" + name + "' takes "
							+ (allowed == 0 ? "no arguments" : allowed == 1 ? "one argument" : allowed + " arguments")
							+ ". See '" + name + " --help'.");
				}
				input.addArgument(new CommandArgument(position++, word));
			}
		}
		return input.build();
	}

	/** The longest run of leading words that names a command ({@code daemon status} before {@code daemon}). */
	private static int commandNameLength(List<String> words, CommandRegistry registry) {
		for (int length = Math.min(words.size(), 3); length > 0; length--) {
			if (registry.getCommandByName(String.join(" ", words.subList(0, length))) != null) {
				return length;
			}
		}
		String first = words.get(0);
		List<String> similar = registry.getCommandsByPrefix(first)
			.stream()
			.filter(command -> !command.isHidden())
			.map(Command::getName)
			.sorted()
			.toList();
		throw new CommandLine.UsageException("Unknown command '" + first + "'."
				+ (similar.isEmpty() ? "" : " Did you mean: " + String.join(", ", similar) + "?")
				+ " Run 'localdb help' to list the commands.");
	}

	/** {@code --name}, or {@code -x}; a negative number such as {@code -5} is a value, not an option. */
	private static boolean isOption(String word) {
		if (word.startsWith("--")) {
			return word.length() > 2;
		}
		return word.length() == 2 && word.charAt(0) == '-' && Character.isLetter(word.charAt(1));
	}

	private static boolean isHelp(String option) {
		return option.equals("--help") || option.equals("-h");
	}

	private static CommandOption declared(Command command, String shown) {
		Optional<CommandOption> found = command.getOptions()
			.stream()
			.filter(option -> shown.startsWith("--") ? shown.substring(2).equals(option.longName())
					: shown.charAt(1) == option.shortName())
			.findFirst();
		return found.orElseThrow(() -> {
			String valid = command.getOptions()
				.stream()
				.map(option -> "--" + option.longName())
				.collect(Collectors.joining(", "));
			return new CommandLine.UsageException("Unknown option '" + shown + "' for '" + command.getName() + "'."
					+ (valid.isEmpty() ? " It takes no options." : " Its options: " + valid + ".") + " See '"
					+ command.getName() + " --help'.");
		});
	}

	private static boolean isFlag(CommandOption option) {
		return option.type() == Boolean.class || option.type() == boolean.class;
	}

}
