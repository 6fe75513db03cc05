package dev.localdb;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.util.ClassUtils;

/**
 * Every command LocalDB's code declares (each {@code @Command} method under {@code dev.localdb}),
 * read from the code itself: what the completion script and the manual are checked against.
 */
record DeclaredCommands(String name, String description, String help, Set<String> options) {

	/** By name ({@code daemon status} is one), hidden commands left out. */
	static Map<String, DeclaredCommands> all() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(
				(reader, factory) -> reader.getAnnotationMetadata().hasAnnotatedMethods(Command.class.getName()));
		Map<String, DeclaredCommands> commands = new TreeMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("dev.localdb")) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
			for (Method method : type.getDeclaredMethods()) {
				Command command = method.getAnnotation(Command.class);
				if (command != null && !command.hidden()) {
					String name = String.join(" ", command.name().length > 0 ? command.name() : new String[] { command.value() });
					commands.put(name, new DeclaredCommands(name, command.description(), command.help(), options(method)));
				}
			}
		}
		return commands;
	}

	/** Each option's spellings ({@code -n}, {@code --lines}), and {@code --help}, which every command takes. */
	private static Set<String> options(Method method) {
		Set<String> options = new TreeSet<>(List.of("--help"));
		for (Parameter parameter : method.getParameters()) {
			Option option = parameter.getAnnotation(Option.class);
			if (option != null) {
				options.add("--" + option.longName());
				if (Character.isLetter(option.shortName())) {
					options.add("-" + option.shortName());
				}
			}
		}
		return options;
	}

}
