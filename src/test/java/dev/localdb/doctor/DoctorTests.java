package dev.localdb.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.os.LoginService;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

/** doctor against real processes and sockets: each finding, and what it says to do. */
class DoctorTests {

	@TempDir
	Path home;

	final PortRanges ranges = TestPorts.ranges(5, 3, 2);

	LocalDbFixture localdb;

	Process sleeper;

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
	}

	@AfterEach
	void stopEverything() {
		this.localdb.projects()
			.running(ProjectName.of("fine"))
			.ifPresent(info -> this.localdb.processes().terminate(info.process(), Duration.ofSeconds(1)));
		if (this.sleeper != null) {
			this.sleeper.destroyForcibly();
		}
	}

	@Test
	void aProjectServedByItsOwnServerIsWell() {
		this.localdb.projects().start(StartRequest.of(ProjectName.of("fine")), StartProgress.NONE);
		Diagnosis diagnosis = doctor(this.ranges).examine();
		assertThat(diagnosis.healthy()).as(diagnosis.toString()).isTrue();
	}

	@Test
	void aForeignListenerInAManagedRangeIsNotedWithItsProcess() throws Exception {
		int port = this.ranges.defaultRange().low() + 1;
		try (ForeignListener foreign = ForeignListener.on("127.0.0.1", port)) {
			Diagnosis diagnosis = doctor(this.ranges).examine();
			assertThat(diagnosis.healthy()).isTrue();
			assertThat(diagnosis.findings()).anySatisfy(finding -> {
				assertThat(finding.severity()).isEqualTo(Finding.Severity.NOTE);
				assertThat(finding.subject()).isEqualTo("port " + port);
				assertThat(finding.message()).contains("pid " + ProcessHandle.current().pid(), "not allocated by LocalDB");
			});
		}
	}

	@Test
	void aServerThatDoesNotListenAndAPortHeldByAnotherProcessNeedAttention() throws Exception {
		this.sleeper = new ProcessBuilder("sleep", "60").start();
		ProcessIdentity server = this.localdb.processes().identify(this.sleeper.pid()).orElseThrow();
		int silent = this.ranges.defaultRange().low();
		int taken = silent + 2;
		register("silent", silent, server);
		register("taken", taken, server);
		try (ForeignListener foreign = ForeignListener.on("127.0.0.1", taken)) {
			Diagnosis diagnosis = doctor(this.ranges).examine();
			assertThat(diagnosis.healthy()).isFalse();
			assertThat(diagnosis.findings()).anySatisfy(finding -> {
				assertThat(finding.subject()).isEqualTo("silent (port " + silent + ")");
				assertThat(finding.message()).contains("nothing listens on the port");
				assertThat(finding.advice()).contains("localdb logs silent");
			});
			assertThat(diagnosis.findings()).anySatisfy(finding -> {
				assertThat(finding.subject()).isEqualTo("taken (port " + taken + ")");
				assertThat(finding.message()).contains("held by pid " + ProcessHandle.current().pid());
			});
		}
	}

	@Test
	void aStaleEntryAndALinkInTheRuntimeTreeNeedAttention() throws Exception {
		this.localdb.registry().update(r -> r.with(ProjectName.of("gone"),
				new Allocation(this.ranges.defaultRange().low(), 1, 1, null, Allocation.State.RUNNING)));
		Files.createDirectories(this.localdb.paths().studioDir(ProjectName.of("planted")));
		Files.createSymbolicLink(this.localdb.paths().serverLog(ProjectName.of("planted")), this.home.resolve("elsewhere"));

		Diagnosis diagnosis = doctor(this.ranges).examine();

		assertThat(diagnosis.attention()).isEqualTo(2);
		assertThat(diagnosis.findings()).anySatisfy(finding -> assertThat(finding.describe())
			.startsWith("✗ gone (port ").contains("stale: no server.json", "localdb ports --cleanup"));
		assertThat(diagnosis.findings()).anySatisfy(finding -> assertThat(finding.describe())
			.contains("runtime/planted/.studio/server.log: a symbolic link").endsWith("Remove it"));
	}

	@Test
	void rangesInTheEphemeralRangeNeedAttention() throws Exception {
		int inside = this.localdb.probe().ephemeralRange().orElseThrow()[0] + 10;
		PortRanges overlapping = new PortRanges(this.ranges.defaultRange(), this.ranges.fallbackRange(),
				new PortRange(inside, inside + 5));
		Diagnosis diagnosis = doctor(overlapping).examine();
		assertThat(diagnosis.findings()).anySatisfy(finding -> {
			assertThat(finding.severity()).isEqualTo(Finding.Severity.ATTENTION);
			assertThat(finding.message()).contains(inside + "-" + (inside + 5), "overlap the kernel's ephemeral range");
		});
	}

	/** {@code daemon install}'s unit (or agent), looked for where the user's service manager reads it. */
	@Test
	void saysWhetherTheDaemonIsInstalledAtLogin() throws Exception {
		Path user = this.home.resolve("user");
		LoginService linux = LoginService.of(Map.of("HOME", user.toString()), "Linux");
		assertThat(Doctor.loginService(linux).describe())
			.isEqualTo("! daemon: not installed; 'localdb daemon install' starts it at login");
		Files.createDirectories(linux.file().getParent());
		Files.writeString(linux.file(), "[Unit]\n");
		assertThat(Doctor.loginService(linux).describe())
			.isEqualTo("✓ daemon: installed as a systemd user unit (~/.config/systemd/user/localdb.service)");

		Path config = this.home.resolve("xdg");
		LoginService xdg = LoginService.of(Map.of("HOME", user.toString(), "XDG_CONFIG_HOME", config.toString()), "Linux");
		assertThat(Doctor.loginService(xdg).severity()).as("another config home").isEqualTo(Finding.Severity.NOTE);

		LoginService mac = LoginService.of(Map.of("HOME", user.toString()), "Mac OS X");
		Files.createDirectories(mac.file().getParent());
		Files.writeString(mac.file(), "<plist/>\n");
		assertThat(Doctor.loginService(mac).describe())
			.isEqualTo("✓ daemon: installed as a launchd agent (~/Library/LaunchAgents/dev.localdb.daemon.plist)");
	}

	private void register(String name, int port, ProcessIdentity server) {
		ProjectName project = ProjectName.of(name);
		this.localdb.servers()
			.write(project, new ServerInfo(server.pid(), port, Instant.now(), server.start(), "127.0.0.1", null));
		this.localdb.registry().update(r -> r.with(project, Allocation.running(port, 1, server)));
	}

	private Doctor doctor(PortRanges ranges) {
		return new Doctor(this.localdb.paths(), this.localdb.registry(), this.localdb.servers(), this.localdb.cleaner(),
				this.localdb.processes(), this.localdb.probe(), ranges, () -> null);
	}

}
