package dev.localdb.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.localdb.wire.Launch.Mode;

class LaunchTests {

	@Test
	void aCommandGoesToTheDaemon() {
		assertThat(Launch.decide(new String[] { "ports" }, Map.of())).isEqualTo(new Launch(Mode.CLIENT, List.of("ports"), true));
	}

	@Test
	void noArgumentsIsTheShellWithADaemon() {
		assertThat(Launch.decide(new String[0], Map.of())).isEqualTo(new Launch(Mode.INTERACTIVE, List.of(), true));
	}

	@Test
	void noDaemonRunsTheCommandInProcessWithoutTheFlag() {
		assertThat(Launch.decide(new String[] { "port", "--no-daemon", "blog" }, Map.of()))
			.isEqualTo(new Launch(Mode.COMMAND, List.of("port", "blog"), false));
		assertThat(Launch.decide(new String[] { "ports" }, Map.of("LOCALDB_DAEMON", "0")).mode()).isEqualTo(Mode.COMMAND);
		assertThat(Launch.decide(new String[] { "--no-daemon" }, Map.of()))
			.isEqualTo(new Launch(Mode.INTERACTIVE, List.of(), false));
	}

	@Test
	void serveIsTheDaemonInTheForeground() {
		assertThat(Launch.decide(new String[] { "serve" }, Map.of()).mode()).isEqualTo(Mode.SERVE);
		assertThat(Launch.decide(new String[] { "serve", "x" }, Map.of()).mode()).isEqualTo(Mode.COMMAND);
	}

	@Test
	void onlyTheClientRunsWithoutSpring() {
		assertThat(List.of(Mode.values())).filteredOn(mode -> !mode.needsSpring()).containsExactly(Mode.CLIENT);
	}

}
