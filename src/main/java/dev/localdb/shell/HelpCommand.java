package dev.localdb.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.env.Environment;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.stereotype.Component;

import dev.localdb.system.LaunchMode;

/**
 * LocalDB's {@code help}: the commands of the mode it runs in, in a stable order (Spring Shell
 * 4.0.1's built-in lists them in hash order, and lists {@code clear} and {@code history} where
 * they do nothing); {@code help CMD} prints exactly what {@code CMD --help} prints; an unknown
 * topic is an error.
 */
@Component
class HelpCommand {

	private static final List<String> GROUPS = List.of("Projects", "Ports", "Daemon", "Built-In Commands");

	private static final String SERVE_HELP = """
			serve
			  Runs the web server (the actuator on 127.0.0.1:10400) and the hourly cleanup, without a shell,
			  until SIGTERM or Ctrl-C. Run it from the command line: localdb serve
			Example: localdb serve""";

	private static final String EXIT_HELP = """
			exit (or quit)
			  Leaves the interactive shell; running projects keep running.""";

	private final Environment environment;

	HelpCommand(Environment environment) {
		this.environment = environment;
	}

	@org.springframework.shell.core.command.annotation.Command(name = "help", group = "Built-In Commands",
			description = "List the commands, or show one command's help (e.g. 'help start')", help = """
					help [command]
					  Lists every command with an example, or shows one command's help: 'help start' prints
					  what 'start --help' prints.
					Example: localdb help ports""")
	public void help(@Argument(index = 0, description = "a command") String topic,
			@Argument(index = 1, description = "its subcommand, as in 'help daemon status'") String subcommand,
			CommandContext context) {
		if (subcommand != null && !subcommand.isBlank()) {
			topic = topic + " " + subcommand;
		}
		PrintWriter out = context.outputWriter();
		boolean interactive = LaunchMode.from(this.environment.getProperty(LaunchMode.PROPERTY)) == LaunchMode.INTERACTIVE;
		if (topic != null && !topic.isBlank()) {
			out.println(helpOf(topic, context, interactive));
			return;
		}
		Map<String, List<Command>> byGroup = new TreeMap<>(Comparator.comparingInt(HelpCommand::groupOrder));
		context.commandRegistry()
			.getCommands()
			.stream()
			.filter(command -> !command.isHidden())
			.sorted(Comparator.comparing(Command::getName))
			.forEach(command -> byGroup.computeIfAbsent(command.getGroup(), group -> new ArrayList<>())
				.add(command));
		out.println("LocalDB port manager. Commands:");
		byGroup.forEach((group, commands) -> {
			out.println();
			out.println(group);
			commands.forEach(command -> out.println("\t" + command.getName() + ": " + command.getDescription()));
			if (group.equals("Built-In Commands")) {
				out.println(interactive ? "\texit: Leave the shell; projects keep running (also 'quit')"
						: "\tserve: Run the web server and the hourly cleanup without a shell (e.g. 'localdb serve')");
			}
		});
		out.println();
		out.println("Run 'help <command>' or '<command> --help' for one command.");
	}

	private static String helpOf(String topic, CommandContext context, boolean interactive) {
		Command command = context.commandRegistry().getCommandByName(topic);
		if (command != null && !command.isHidden()) {
			String help = command.getHelp();
			return help == null || help.isBlank() ? command.getDescription() : help.stripTrailing();
		}
		// a group of subcommands: 'help daemon' shows daemon status, stop and restart
		List<String> group = context.commandRegistry()
			.getCommands()
			.stream()
			.filter(candidate -> candidate.getName().startsWith(topic + " ") && !candidate.isHidden())
			.sorted(Comparator.comparing(Command::getName))
			.map(candidate -> candidate.getHelp().stripTrailing())
			.toList();
		if (!group.isEmpty()) {
			return String.join("\n\n", group);
		}
		if (!interactive && topic.equals("serve")) {
			return SERVE_HELP;
		}
		if (interactive && (topic.equals("exit") || topic.equals("quit"))) {
			return EXIT_HELP;
		}
		throw new CommandLine.UsageException("No help for '" + topic + "': it is not a command. Run 'help' to list the commands.");
	}

	private static int groupOrder(String group) {
		int index = GROUPS.indexOf(group);
		return index >= 0 ? index : GROUPS.size();
	}

}
