package dev.localdb.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

class ProjectNameTests {

	@ParameterizedTest
	@ValueSource(strings = { "diary", "todo-app", "blog_2", "a", "A.b-c_d", "x123456789012345678901234567890123456789012345678901234567890ab" })
	void acceptsShortSafeNames(String name) {
		assertThat(ProjectName.of(name).value()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "..", ".", "../etc", "a/b", "a\\b", "a b", " a", "a\tb", "a\nb", "a\u0000b", "-rf",
			".hidden", "_x", "é", "x1234567890123456789012345678901234567890123456789012345678901abc" })
	void refusesNamesThatAreNotSafeDirectoryNames(String name) {
		assertThatThrownBy(() -> ProjectName.of(name)).isInstanceOf(LocalDbException.class)
			.satisfies(ex -> assertThat(((LocalDbException) ex).failure()).isEqualTo(Failure.USAGE))
			.hasMessageContaining("letters, digits");
	}

}
