package dev.localdb.finder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.Reservation;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

class ScanServiceTests {

	@TempDir
	Path home;

	PortRanges ranges;

	final List<ForeignListener> listeners = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.ranges = TestPorts.ranges(12, 4, 4);
	}

	@AfterEach
	void closeListeners() throws IOException {
		for (ForeignListener listener : this.listeners) {
			listener.close();
		}
	}

	@Test
	void projectThatHoldsAPortGetsItBack() {
		LocalDbFixture localdb = fixture(new PortProbe());
		int first = allocate(localdb, "diary", null).port();
		PortAssignment again = allocate(localdb, "diary", null);
		assertThat(again.port()).isEqualTo(first);
		assertThat(again.step()).isEqualTo(PortAssignment.Step.REGISTRY);
	}

	@Test
	void requestedPortIsTriedFirst() {
		LocalDbFixture localdb = fixture(new PortProbe());
		int requested = this.ranges.defaultRange().low() + 5;
		PortAssignment assignment = allocate(localdb, "diary", requested);
		assertThat(assignment.port()).isEqualTo(requested);
		assertThat(assignment.step()).isEqualTo(PortAssignment.Step.REQUESTED);
		assertThat(assignment.note()).isEmpty();
	}

	@Test
	void busyRequestedPortIsReportedAndTheSearchGoesOn() throws IOException {
		LocalDbFixture localdb = fixture(new PortProbe());
		int requested = this.ranges.defaultRange().low();
		listen("127.0.0.1", requested);
		PortAssignment assignment = allocate(localdb, "diary", requested);
		assertThat(assignment.port()).isEqualTo(requested + 1);
		assertThat(assignment.step()).isEqualTo(PortAssignment.Step.BATCH_SCAN);
		assertThat(assignment.note()).hasValue("Port " + requested + " is in use by another program; using another port.");
	}

	@Test
	void requestedPortOfAnotherProjectIsNotTaken() {
		LocalDbFixture localdb = fixture(new PortProbe());
		int taken = allocate(localdb, "blog", null).port();
		PortAssignment assignment = allocate(localdb, "diary", taken);
		assertThat(assignment.port()).isNotEqualTo(taken);
		assertThat(assignment.note()).hasValueSatisfying(note -> assertThat(note).contains("allocated to project 'blog'"));
	}

	@Test
	void registryAllocatedPortsAreSkippedWithoutAnyOsCall() {
		CountingProbe probe = new CountingProbe(port -> PortProbe.Status.FREE);
		LocalDbFixture localdb = fixture(probe);
		int low = this.ranges.defaultRange().low();
		allocate(localdb, "one", null);
		allocate(localdb, "two", null);
		probe.probed.clear();
		PortAssignment third = allocate(localdb, "three", null);
		assertThat(third.port()).isEqualTo(low + 2);
		assertThat(probe.probed).doesNotContain(low, low + 1);
	}

	@Test
	void batchScanReturnsTheFirstFreePortOfTheDefaultRange() throws IOException {
		LocalDbFixture localdb = fixture(new PortProbe());
		int low = this.ranges.defaultRange().low();
		listen("127.0.0.1", low);
		listen("0.0.0.0", low + 1);
		PortAssignment assignment = allocate(localdb, "diary", null);
		assertThat(assignment.port()).isEqualTo(low + 2);
		assertThat(assignment.step()).isEqualTo(PortAssignment.Step.BATCH_SCAN);
	}

	@Test
	void sequentialScanCoversTheDefaultRangeBeyondTheBatch() throws IOException {
		LocalDbFixture localdb = fixture(new PortProbe());
		PortRange range = this.ranges.defaultRange();
		for (int port = range.low(); port < range.low() + ScanService.BATCH_SIZE; port++) {
			listen("127.0.0.1", port);
		}
		PortAssignment assignment = allocate(localdb, "diary", null);
		assertThat(assignment.port()).isEqualTo(range.low() + ScanService.BATCH_SIZE);
		assertThat(assignment.step()).isIn(PortAssignment.Step.BATCH_SCAN, PortAssignment.Step.DEFAULT_RANGE);
	}

	@Test
	void fullDefaultRangeFallsBackThenExtended() throws IOException {
		LocalDbFixture localdb = fixture(new PortProbe());
		fill(this.ranges.defaultRange());
		PortAssignment fallback = allocate(localdb, "one", null);
		assertThat(fallback.step()).isEqualTo(PortAssignment.Step.FALLBACK_RANGE);
		assertThat(fallback.port()).isBetween(this.ranges.fallbackRange().low(), this.ranges.fallbackRange().high());

		fill(this.ranges.fallbackRange());
		PortAssignment extended = allocate(localdb, "two", null);
		assertThat(extended.step()).isEqualTo(PortAssignment.Step.EXTENDED_RANGE);
		assertThat(extended.port()).isBetween(this.ranges.extendedRange().low(), this.ranges.extendedRange().high());
	}

	@Test
	void allRangesFullIsAClearErrorAndLeavesTheRegistryUntouched() throws IOException {
		LocalDbFixture localdb = fixture(new PortProbe());
		int held = allocate(localdb, "keeper", null).port();
		for (PortRange range : this.ranges.inOrder()) {
			for (int port = range.low(); port <= range.high(); port++) {
				if (port != held) {
					listen("127.0.0.1", port);
				}
			}
		}
		byte[] before = Files.readAllBytes(localdb.paths().registryFile());
		assertThatThrownBy(() -> allocate(localdb, "diary", null)).isInstanceOf(NoFreePortException.class)
			.hasMessageContaining(this.ranges.defaultRange().toString())
			.hasMessageContaining(this.ranges.fallbackRange().toString())
			.hasMessageContaining(this.ranges.extendedRange().toString())
			.hasMessageContaining("localdb ports --cleanup")
			.hasMessageContaining("localdb stop");
		assertThat(Files.readAllBytes(localdb.paths().registryFile())).isEqualTo(before);
	}

	@Test
	void permissionDeniedPortsAreSkippedIntoTheNextRange() {
		PortRange defaults = this.ranges.defaultRange();
		LocalDbFixture localdb = fixture(new CountingProbe(
				port -> port >= defaults.low() && port <= defaults.high() ? PortProbe.Status.FORBIDDEN : PortProbe.Status.FREE));
		PortAssignment assignment = allocate(localdb, "diary", null);
		assertThat(assignment.step()).isEqualTo(PortAssignment.Step.FALLBACK_RANGE);
	}

	/** Java's dual-stack sockets and SO_REUSEADDR differ per case: each must be seen as busy. */
	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "::", "127.0.0.1", "::1" })
	void foreignListenerOnAnyLocalAddressIsSkipped(String address) throws IOException {
		int port = this.ranges.defaultRange().low();
		listen(address, port);
		// the bind probe alone, without the kernel's listen table
		PortProbe bindOnly = new PortProbe() {
			@Override
			public BitSet listeningPorts() {
				return new BitSet();
			}
		};
		assertThat(bindOnly.probe(port)).isEqualTo(PortProbe.Status.IN_USE);
		assertThat(new PortProbe().listeningPorts().get(port)).isTrue();
		assertThat(allocate(fixture(bindOnly), "diary", null).port()).isNotEqualTo(port);
	}

	/** The seed's "Concurrent Starts": T1 takes the port between T2's check and T2's reservation. */
	@Test
	void reservationThatLosesARaceMovesOnToTheNextPort() {
		int low = this.ranges.defaultRange().low();
		Set<Integer> raced = ConcurrentHashMap.newKeySet();
		LocalDbFixture[] holder = new LocalDbFixture[1];
		PortProbe racing = new PortProbe() {
			@Override
			public boolean isFree(int port) {
				// T1 reserves the port right after T2's batch probe found it free
				if (port == low && raced.add(port)) {
					ProcessIdentity other = holder[0].processes().self();
					assertThat(holder[0].registry().reserve(ProjectName.of("project-a"), port, other))
						.isInstanceOf(Reservation.Reserved.class);
				}
				return super.isFree(port);
			}

			@Override
			public BitSet listeningPorts() {
				return new BitSet();
			}
		};
		holder[0] = fixture(racing);
		PortAssignment t2 = allocate(holder[0], "project-b", null);
		assertThat(raced).containsExactly(low);
		assertThat(t2.port()).isEqualTo(low + 1);
		assertThat(holder[0].registry().allocations().get(ProjectName.of("project-a")).port()).isEqualTo(low);
	}

	@Test
	void portOutsideTcpRangeIsAUsageError() {
		LocalDbFixture localdb = fixture(new PortProbe());
		assertThatThrownBy(() -> allocate(localdb, "diary", 70000)).hasMessageContaining("1-65535");
	}

	/**
	 * Browsers refuse some ports (ERR_UNSAFE_PORT); 10080 is one, outside the default ranges. The
	 * probe here reports every port free without binding any.
	 */
	@Test
	void portsBrowsersRefuseAreNeverHandedOutButCanBeAskedFor() {
		PortRanges around10080 = new PortRanges(new PortRange(10079, 10081), new PortRange(10082, 10082),
				new PortRange(10083, 10083));
		LocalDbFixture localdb = LocalDbFixture.create(this.home, around10080,
				new CountingProbe(port -> PortProbe.Status.FREE), Duration.ofSeconds(5));
		List<Integer> handedOut = new ArrayList<>();
		for (String project : List.of("a", "b", "c", "d")) {
			handedOut.add(allocate(localdb, project, null).port());
		}
		assertThat(handedOut).containsExactly(10079, 10081, 10082, 10083);
		assertThat(BrowserPorts.isUnsafe(6000)).isTrue();
		assertThat(BrowserPorts.isUnsafe(3000)).isFalse();

		PortAssignment asked = allocate(localdb, "e", 10080);
		assertThat(asked.port()).isEqualTo(10080);
		assertThat(asked.note()).hasValueSatisfying(note -> assertThat(note).contains("browsers refuse (ERR_UNSAFE_PORT)"));
	}

	@Test
	void excludedPortsAndRangesAreNeverHandedOut() {
		PortRanges excluding = new PortRanges(new PortRange(10090, 10095), new PortRange(10096, 10096),
				new PortRange(10097, 10097), List.of("10090", "10092-10095"));
		LocalDbFixture localdb = LocalDbFixture.create(this.home, excluding,
				new CountingProbe(port -> PortProbe.Status.FREE), Duration.ofSeconds(5));
		assertThat(allocate(localdb, "a", null).port()).isEqualTo(10091);
		assertThat(allocate(localdb, "b", null).port()).isEqualTo(10096);
	}

	private LocalDbFixture fixture(PortProbe probe) {
		return LocalDbFixture.create(this.home, this.ranges, probe, Duration.ofSeconds(5));
	}

	private PortAssignment allocate(LocalDbFixture localdb, String project, Integer requested) {
		return localdb.scanner().allocate(ProjectName.of(project), requested, localdb.processes().self());
	}

	private void listen(String address, int port) throws IOException {
		this.listeners.add(ForeignListener.on(address, port));
	}

	private void fill(PortRange range) throws IOException {
		for (int port = range.low(); port <= range.high(); port++) {
			listen("127.0.0.1", port);
		}
	}

	/** Answers from a rule instead of the OS, and remembers what was probed. */
	static class CountingProbe extends PortProbe {

		final Set<Integer> probed = ConcurrentHashMap.newKeySet();

		private final IntFunction<PortProbe.Status> rule;

		CountingProbe(IntFunction<PortProbe.Status> rule) {
			this.rule = rule;
		}

		@Override
		public Status probe(int port) {
			this.probed.add(port);
			return this.rule.apply(port);
		}

		@Override
		public BitSet listeningPorts() {
			return new BitSet();
		}

	}

}
