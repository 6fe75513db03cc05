package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.LocalDbApplication;
import dev.localdb.os.PortProbe;
import dev.localdb.registry.ProjectName;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** The runtime tree is never read or written through a symbolic link, and stays the user's alone. */
class RuntimeTreeSafetyTests {

	@TempDir
	Path home;

	@TempDir
	Path elsewhere;

	LocalDbFixture localdb;

	final ProjectName diary = ProjectName.of("diary");

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 5, 5), new PortProbe(), Duration.ofSeconds(1));
	}

	@Test
	void aPlantedRegistryLockLinkIsRefusedAndItsTargetNeverMade() throws IOException {
		this.localdb.paths().ensureRuntime();
		Path target = this.elsewhere.resolve("victim");
		Files.createSymbolicLink(this.localdb.paths().lockFile(), target);

		assertStorageFailure(() -> this.localdb.registry().release(this.diary), "symbolic link");
		assertThat(target).doesNotExist();
	}

	@Test
	void aPlantedServerLogLinkIsRefusedAndItsTargetUntouched() throws IOException {
		Path target = Files.writeString(this.elsewhere.resolve("victim.txt"), "precious\n");
		Files.createDirectories(this.localdb.paths().studioDir(this.diary));
		Files.createSymbolicLink(this.localdb.paths().serverLog(this.diary), target);

		assertStorageFailure(() -> start(), "symbolic link");
		assertThat(Files.readString(target)).isEqualTo("precious\n");
		assertThat(this.localdb.registry().allocations()).isEmpty();
	}

	@Test
	void aPlantedProjectLockLinkIsRefused() throws IOException {
		Path target = this.elsewhere.resolve("victim.lock");
		Files.createDirectories(this.localdb.paths().studioDir(this.diary));
		Files.createSymbolicLink(this.localdb.paths().studioDir(this.diary).resolve(".lock"), target);

		assertStorageFailure(() -> start(), "symbolic link");
		assertThat(target).doesNotExist();
	}

	@Test
	void aProjectDirectoryThatIsALinkIsRefusedAndNothingLandsWhereItPoints() throws IOException {
		this.localdb.paths().ensureRuntime();
		Files.createSymbolicLink(this.localdb.paths().runtime().resolve("diary"), this.elsewhere);

		assertStorageFailure(() -> start(), "symbolic link");
		try (var files = Files.list(this.elsewhere)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aRuntimeDirectoryThatIsALinkIsRefused() throws IOException {
		Files.createDirectories(this.home);
		Files.createSymbolicLink(this.localdb.paths().runtime(), this.elsewhere);

		assertStorageFailure(() -> this.localdb.registry().read(), "symbolic link");
		try (var files = Files.list(this.elsewhere)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aWorldWritableRuntimeDirectoryIsTightenedToOwnerOnly() throws IOException {
		Files.createDirectories(this.localdb.paths().runtime());
		Files.setPosixFilePermissions(this.localdb.paths().runtime(), PosixFilePermissions.fromString("rwxrwxrwx"));

		this.localdb.registry().read();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.localdb.paths().runtime())))
			.isEqualTo("rwx------");
	}

	@Test
	void logsAreOwnerOnlyEvenUnderUmaskZero() throws Exception {
		Path script = Files.writeString(this.elsewhere.resolve("umask0.sh"), "umask 000\nexec \"$@\"\n");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), java.toString(), "-Xshare:auto", "-cp",
				System.getProperty("java.class.path"), LocalDbApplication.class.getName(), "ports");
		builder.environment().put("LOCALDB_HOME", this.home.toString());
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		assertThat(builder.start().waitFor()).isZero();

		assertThat(mode(this.home.resolve("logs"))).isEqualTo("rwx------");
		assertThat(mode(this.home.resolve("logs/localdb.log"))).isEqualTo("rw-------");
		assertThat(mode(this.home.resolve("runtime"))).isEqualTo("rwx------");
	}

	private StartResult start() {
		return this.localdb.projects().start(StartRequest.of(this.diary), StartProgress.NONE);
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static void assertStorageFailure(ThrowableAssert.ThrowingCallable action,
			String message) {
		assertThatThrownBy(action).isInstanceOf(LocalDbException.class)
			.satisfies(ex -> assertThat(((LocalDbException) ex).failure()).isEqualTo(Failure.STORAGE))
			.hasMessageContaining(message);
	}

}
