package dev.localdb.shell;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.support.CommandFactoryBean;
import org.springframework.shell.jline.CommandCompleter;

import dev.localdb.registry.RegistryService;
import dev.localdb.registry.ServerInfoStore;

/**
 * Spring Shell's command registry, built from LocalDB's command classes directly. Spring Shell's
 * own registry scans the class path and touches a utility class whose static initialiser boots
 * Hibernate Validator: about 0.4 s of every one-shot command, spent validating parameters that
 * LocalDB's own value types ({@code ProjectName}, {@code PortRange}) already check.
 */
@Configuration(proxyBeanMethods = false)
class ShellConfiguration {

	private static final List<Class<?>> COMMAND_CLASSES = List.of(ProjectCommands.class, ListCommands.class, PortCommands.class,
			DoctorCommands.class, DashboardCommands.class, DaemonCommands.class, HelpCommand.class, EnvCommands.class,
			OpenCommands.class, ShareCommands.class,
			UpCommands.class);

	/** The built-in commands LocalDB keeps (help is LocalDB's own) and the arguments they take. */
	private static final Map<String, Integer> BUILT_IN_ARGUMENTS = Map.of("version", 0, "clear", 0, "history", 0);

	@Bean
	CommandRegistry commandRegistry(ApplicationContext context) {
		CommandRegistry registry = new CommandRegistry();
		for (Class<?> type : COMMAND_CLASSES) {
			Set<Method> methods = MethodIntrospector.selectMethods(type,
					(Method method) -> AnnotatedElementUtils.hasAnnotation(method,
							org.springframework.shell.core.command.annotation.Command.class));
			for (Method method : methods) {
				CommandFactoryBean factory = new CommandFactoryBean(method);
				factory.setApplicationContext(context);
				registry.registerCommand(factory.getObject());
			}
		}
		// the built-in commands: version, and clear and history in the interactive shell
		context.getBeansOfType(Command.class).values().forEach(registry::registerCommand);
		return registry;
	}

	/** How many positional arguments each command takes: its {@code @Argument} parameters. */
	@Bean
	CommandShapes commandShapes() {
		Map<String, Integer> arguments = new HashMap<>(BUILT_IN_ARGUMENTS);
		for (Class<?> type : COMMAND_CLASSES) {
			MethodIntrospector.selectMethods(type, (Method method) -> AnnotatedElementUtils.hasAnnotation(method,
					org.springframework.shell.core.command.annotation.Command.class))
				.forEach(method -> arguments.put(String.join(" ",
						AnnotatedElementUtils.getMergedAnnotation(method,
								org.springframework.shell.core.command.annotation.Command.class).name()),
						(int) Arrays.stream(method.getParameters())
							.filter(parameter -> parameter.isAnnotationPresent(Argument.class))
							.count()));
		}
		// exec <project> -- CMD ARGS...: the command's words are as many as given
		arguments.put("exec", Integer.MAX_VALUE);
		// up/down [PROJECT...]
		arguments.put("up", Integer.MAX_VALUE);
		arguments.put("down", Integer.MAX_VALUE);
		return new CommandShapes(arguments);
	}

	@Bean
	CommandLine commandLine(CommandRegistry registry, CommandShapes shapes, RegistryService ports) {
		return new CommandLine(registry, shapes, ports);
	}

	@Bean
	ProjectNameCompletion projectNames(RegistryService registry, ServerInfoStore servers) {
		return new ProjectNameCompletion(registry, servers, false);
	}

	@Bean
	ProjectNameCompletion projectsHoldingAPort(RegistryService registry, ServerInfoStore servers) {
		return new ProjectNameCompletion(registry, servers, true);
	}

	@Bean
	CommandCompleter commandCompleter(CommandRegistry registry) {
		return new ArgumentCompleter(registry);
	}

	@Bean
	Validator shellParameterValidator() {
		return new DomainValidatedParameters();
	}

	/** Parameters are validated by the domain types they become; there is nothing left to check. */
	static final class DomainValidatedParameters implements Validator, ExecutableValidator {

		@Override
		public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value,
				Class<?>... groups) {
			return Set.of();
		}

		@Override
		public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
			throw new UnsupportedOperationException("LocalDB declares no bean constraints");
		}

		@Override
		public <T> T unwrap(Class<T> type) {
			throw new UnsupportedOperationException("Not a Hibernate Validator");
		}

		@Override
		public ExecutableValidator forExecutables() {
			return this;
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateParameters(T object, Method method, Object[] parameterValues,
				Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateReturnValue(T object, Method method, Object returnValue,
				Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateConstructorParameters(
				Constructor<? extends T> constructor, Object[] parameterValues, Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateConstructorReturnValue(
				Constructor<? extends T> constructor, T createdObject, Class<?>... groups) {
			return Set.of();
		}

	}

}
