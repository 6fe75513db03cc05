package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Lines typed in the interactive shell reach the command as a POSIX shell would pass them. */
class ShellWordsTests {

	@Test
	void singleQuotesKeepBackslashesDoubleQuotesAndDollars() {
		assertThat(ShellWords.split("start x --command 'printf \"%s\\n\" $PORT'"))
			.containsExactly("start", "x", "--command", "printf \"%s\\n\" $PORT");
	}

	@Test
	void doubleQuotesKeepBlanksAndEscapeOnlyWhatAShellEscapes() {
		assertThat(ShellWords.split("a \"b c\" \"say \\\"hi\\\" \\n \\\\ \\$X\""))
			.containsExactly("a", "b c", "say \"hi\" \\n \\ $X");
	}

	@Test
	void outsideQuotesABackslashEscapesTheNextCharacterAndBlanksSplit() {
		assertThat(ShellWords.split("  a\\ b   c''d \"\" ")).containsExactly("a b", "cd", "");
	}

	@Test
	void anUnclosedQuoteIsAUsageError() {
		assertThatThrownBy(() -> ShellWords.split("start x --command 'oops")).hasMessageContaining("Close the quotes");
		assertThatThrownBy(() -> ShellWords.split("a \"b")).hasMessageContaining("Close the quotes");
	}

}
