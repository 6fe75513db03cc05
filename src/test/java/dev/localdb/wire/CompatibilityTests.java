package dev.localdb.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.localdb.wire.Compatibility.Decision;

class CompatibilityTests {

	private final Fingerprint mine = new Fingerprint("build1", "yml1", "settings1");

	@Test
	void theSameFingerprintIsUsed() {
		assertThat(Compatibility.of(this.mine, "build1/yml1/settings1").decision()).isEqualTo(Decision.USE);
	}

	@Test
	void aForegroundDaemonRecordsNoFingerprintAndServesAnyone() {
		assertThat(Compatibility.of(this.mine, "").decision()).isEqualTo(Decision.USE);
	}

	@Test
	void anotherBuildIsReplaced() {
		Compatibility compatibility = Compatibility.of(this.mine, "build0/yml1/settings1");

		assertThat(compatibility.decision()).isEqualTo(Decision.REPLACE);
		assertThat(compatibility.note(42)).contains(
				"localdb: replacing the running daemon (pid 42): it was started from another build of LocalDB.");
	}

	@Test
	void anOlderDaemonsFingerprintIsAnotherBuild() {
		assertThat(Compatibility.of(this.mine, "build1/settings1").decision()).isEqualTo(Decision.REPLACE);
	}

	@Test
	void aChangedApplicationYmlReplaces() {
		Compatibility compatibility = Compatibility.of(this.mine, "build1/yml0/settings1");

		assertThat(compatibility.decision()).isEqualTo(Decision.REPLACE);
		assertThat(compatibility.reason()).isEqualTo("$LOCALDB_HOME/application.yml changed since it started");
	}

	@Test
	void thisTerminalsOwnSettingsOnlyGetANote() {
		Compatibility compatibility = Compatibility.of(this.mine, "build1/yml1/settings0");

		assertThat(compatibility.decision()).isEqualTo(Decision.USE_WITH_OTHER_SETTINGS);
		assertThat(compatibility.note(42).orElseThrow()).startsWith("localdb: the LocalDB daemon (pid 42) runs with other settings")
			.contains("'localdb daemon restart' with them set");
	}

	@Test
	void aFingerprintReadsBackAsItWasWritten() {
		assertThat(Fingerprint.parse(this.mine.toString())).contains(this.mine);
		assertThat(Fingerprint.parse("garbage")).isEmpty();
	}

}
