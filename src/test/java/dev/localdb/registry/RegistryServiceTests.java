package dev.localdb.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.localdb.finder.PortRange;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;

class RegistryServiceTests {

	@TempDir
	Path home;

	LocalDbFixture localdb;

	RegistryService registry;

	ProcessIdentity self;

	PortRange ports;

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(10, 5, 5));
		this.registry = this.localdb.registry();
		this.self = this.localdb.processes().self();
		this.ports = TestPorts.freeBlock(40);
	}

	@Test
	void writesTheSeedsJsonFormat() throws IOException {
		this.registry.reserve(ProjectName.of("diary"), this.ports.low(), this.self);
		String json = Files.readString(this.localdb.paths().registryFile());
		assertThat(json).contains("\"ports\"", "\"diary\"", "\"port\" : " + this.ports.low(), "\"allocated_at\"",
				"\"pid\" : " + this.self.pid(), "\"last_cleanup\"");
		assertThat(StateJson.read(json.getBytes(StandardCharsets.UTF_8), Registry.class, "The registry").allocation(ProjectName.of("diary")))
			.hasValueSatisfying(a -> assertThat(a.port()).isEqualTo(this.ports.low()));
	}

	@Test
	void readsARegistryWrittenByTheSeedsTool() throws IOException {
		this.localdb.paths().ensureRuntime();
		Files.writeString(this.localdb.paths().registryFile(), """
				{"ports": {"diary": {"port": 3000, "allocated_at": 1675432100000, "pid": 12345}},
				 "last_cleanup": 1675432100000}""");
		Registry read = this.registry.read();
		assertThat(read.lastCleanup()).isEqualTo(1675432100000L);
		assertThat(read.allocation(ProjectName.of("diary"))).hasValueSatisfying(a -> {
			assertThat(a.port()).isEqualTo(3000);
			assertThat(a.pid()).isEqualTo(12345);
			assertThat(a.state()).isEqualTo(Allocation.State.RUNNING);
		});
	}

	@Test
	void runtimeDirectoryIsPrivateAndFilesAreOwnerOnly() throws IOException {
		this.registry.reserve(ProjectName.of("diary"), this.ports.low(), this.self);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.localdb.paths().runtime())))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.localdb.paths().registryFile())))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.localdb.paths().lockFile())))
			.isEqualTo("rw-------");
	}

	@Test
	void refusesAPortAnotherProjectHolds() {
		this.registry.reserve(ProjectName.of("diary"), this.ports.low(), this.self);
		Reservation second = this.registry.reserve(ProjectName.of("blog"), this.ports.low(), this.self);
		assertThat(second).isEqualTo(new Reservation.Refused(Reservation.Reason.ALLOCATED, ProjectName.of("diary")));
		assertThat(this.registry.allocations()).containsOnlyKeys(ProjectName.of("diary"));
	}

	@Test
	void refusesAPortInUseAtOsLevel() throws IOException {
		try (ForeignListener busy = ForeignListener.on("127.0.0.1", this.ports.low())) {
			Reservation reservation = this.registry.reserve(ProjectName.of("diary"), this.ports.low(), this.self);
			assertThat(reservation).isEqualTo(new Reservation.Refused(Reservation.Reason.IN_USE, null));
		}
		assertThat(this.registry.allocations()).isEmpty();
	}

	@Test
	void releaseRemovesOnlyThatProject() {
		this.registry.reserve(ProjectName.of("diary"), this.ports.low(), this.self);
		this.registry.reserve(ProjectName.of("blog"), this.ports.low() + 1, this.self);
		assertThat(this.registry.release(ProjectName.of("diary"))).isTrue();
		assertThat(this.registry.release(ProjectName.of("diary"))).isFalse();
		assertThat(this.registry.allocations()).containsOnlyKeys(ProjectName.of("blog"));
	}

	@Test
	void threadsOfOneJvmReservingAtOnceNeverShareAPortNorTripOverTheFileLock() throws Exception {
		int threads = 24;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		Set<Integer> won = ConcurrentHashMap.newKeySet();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			ProjectName project = ProjectName.of("thread-" + t);
			// every thread walks the same ports: they contend on each one
			futures.add(pool.submit(() -> {
				go.await();
				for (int port = this.ports.low(); port <= this.ports.high(); port++) {
					if (this.registry.reserve(project, port, this.self) instanceof Reservation.Reserved) {
						assertThat(won.add(port)).as("port %d handed out twice", port).isTrue();
						return null;
					}
				}
				throw new AssertionError(project + " found no port");
			}));
		}
		go.countDown();
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		Registry registry = this.registry.read();
		assertThat(registry.ports()).hasSize(threads);
		assertThat(registry.ports().values().stream().map(Allocation::port).distinct()).hasSize(threads);
	}

	@Test
	void strayTempFilesOfADeadWriterAreRemovedByTheNextWrite() throws IOException {
		this.localdb.paths().ensureRuntime();
		Path stray = this.localdb.paths().runtime().resolve(".port-registry.json.tmp-99999-dead");
		Files.writeString(stray, "{\"ports\": {\"half");
		this.registry.reserve(ProjectName.of("diary"), this.ports.low(), this.self);
		assertThat(stray).doesNotExist();
	}

	@Test
	void aRegistryThatIsADirectoryIsMovedAsideAndRebuilt() throws IOException {
		Files.createDirectories(this.localdb.paths().registryFile().resolve("inside"));

		assertThat(this.registry.read().ports()).isEmpty();

		assertThat(this.localdb.paths().registryFile()).isRegularFile();
		assertThat(this.registry.reserve(ProjectName.of("next"), this.ports.low(), this.self))
			.isInstanceOf(Reservation.Reserved.class);
		try (var files = Files.list(this.localdb.paths().runtime())) {
			assertThat(files.map(p -> p.getFileName().toString()))
				.anySatisfy(name -> assertThat(name).startsWith(".port-registry.json.corrupt-"));
		}
	}

	/** Every corrupt registry is moved aside and the live project's allocation rebuilt. */
	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "{", "{\"ports\": {\"diary\": {\"port\": 30", "not json at all", "[]", "null",
			"{\"ports\": []}", "{\"last_cleanup\": 1}", "{\"ports\": {\"live\": {\"port\": \"3000\", \"allocated_at\": 1, \"pid\": 1}}}",
			"{\"ports\": {\"live\": {\"port\": 70000, \"allocated_at\": 1, \"pid\": 1}}}",
			"{\"ports\": {\"live\": {\"port\": 0, \"allocated_at\": 1, \"pid\": 1}}}",
			"{\"ports\": {\"live\": {\"port\": 3000, \"allocated_at\": -5, \"pid\": 1}}}",
			"{\"ports\": {\"live\": {\"port\": 3000, \"allocated_at\": 1}}}",
			"{\"ports\": {\"../x\": {\"port\": 3000, \"allocated_at\": 1, \"pid\": 1}}}",
			"{\"ports\": {\"a\": {\"port\": 3000, \"allocated_at\": 1, \"pid\": 1}, \"b\": {\"port\": 3000, \"allocated_at\": 1, \"pid\": 2}}}",
			"{\"ports\": {}, \"last_cleanup\": \"yesterday\"}" })
	void corruptRegistryIsMovedAsideAndRebuiltFromLiveServers(String corrupt) throws IOException {
		ProjectName live = ProjectName.of("live");
		int livePort = this.ports.low() + 7;
		this.localdb.servers().write(live, new ServerInfo(this.self.pid(), livePort, Instant.now(), this.self.start(),
				"127.0.0.1", null));
		ProjectName dead = ProjectName.of("dead");
		this.localdb.servers().write(dead, new ServerInfo(this.self.pid(), livePort + 1, Instant.now(),
				this.self.start() + "-not-this-process", "127.0.0.1", null));
		Files.writeString(this.localdb.paths().registryFile(), corrupt);

		Registry recovered = this.registry.read();

		assertThat(recovered.ports()).containsOnlyKeys(live);
		assertThat(recovered.allocation(live)).hasValueSatisfying(a -> {
			assertThat(a.port()).isEqualTo(livePort);
			assertThat(a.pid()).isEqualTo(this.self.pid());
		});
		try (var files = Files.list(this.localdb.paths().runtime())) {
			assertThat(files.map(p -> p.getFileName().toString()))
				.anySatisfy(name -> assertThat(name).startsWith(".port-registry.json.corrupt-"));
		}
		// the rebuilt file is valid on disk, and the next command goes on normally
		assertThat(StateJson.read(Files.readAllBytes(this.localdb.paths().registryFile()), Registry.class, "The registry").ports())
			.containsOnlyKeys(live);
		assertThat(this.registry.reserve(ProjectName.of("next"), this.ports.low(), this.self))
			.isInstanceOf(Reservation.Reserved.class);
	}


	/** A rebuilt registry keeps the named ports the running first instance was given (its layout says which). */
	@Test
	void aCorruptRegistryIsRebuiltWithTheNamedPortsOfRunningServers() throws IOException {
		ProjectName api = ProjectName.of("api");
		int apiPort = this.ports.low() + 3;
		this.localdb.servers().write(api, new ServerInfo(this.self.pid(), apiPort, Instant.now(), this.self.start(),
				"127.0.0.1", null));
		Map<String, Integer> named = new TreeMap<>();
		named.put("debug", apiPort + 1);
		named.put("metrics", apiPort);
		named.put("never", null);
		this.localdb.servers().rememberLayout(api, new RememberedProject.Layout(1, named));
		Files.writeString(this.localdb.paths().registryFile(), "{");

		Registry recovered = this.registry.read();

		assertThat(recovered.entries()).containsOnlyKeys(PortKey.of(api), PortKey.of(api).named("debug"));
		assertThat(recovered.allocation(PortKey.of(api).named("debug"))).hasValueSatisfying(a -> {
			assertThat(a.port()).isEqualTo(apiPort + 1);
			assertThat(a.pid()).isEqualTo(this.self.pid());
		});
		// a port the rebuilt registry already gave (here the server's own) is never given twice
		assertThat(this.registry.reserve(ProjectName.of("next"), apiPort + 1, this.self))
			.isInstanceOf(Reservation.Refused.class);
	}

}
