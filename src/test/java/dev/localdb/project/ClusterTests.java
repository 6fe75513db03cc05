package dev.localdb.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.finder.PortRanges;
import dev.localdb.os.PortProbe;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.PortKey;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RestartPolicy;
import dev.localdb.registry.ServerInfo;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** Cluster mode ({@code --instances}, {@code scale}, rolling {@code restart}) and named ports, with real servers. */
class ClusterTests {

	@TempDir
	Path home;

	PortRanges ranges;

	LocalDbFixture localdb;

	final ProjectName api = ProjectName.of("api");

	final List<ProjectName> started = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp() {
		this.ranges = TestPorts.ranges(30, 10, 10);
		this.localdb = LocalDbFixture.create(this.home, this.ranges, new PortProbe(), Duration.ofSeconds(1));
	}

	@AfterEach
	void stopEverything() {
		for (ProjectName project : this.started) {
			try {
				this.localdb.projects().stop(project, Duration.ofSeconds(1));
			}
			catch (RuntimeException ex) {
				// not running any more
			}
		}
	}

	@Test
	void threeInstancesRunOnThreeRegistryPortsEachWithItsOwnVariables() throws Exception {
		StartResult result = start(this.api, 3);

		assertThat(result.all()).extracting(StartResult::instance).containsExactly(1, 2, 3);
		List<Backend> backends = this.localdb.catalog().backends(this.api);
		assertThat(backends).extracting(Backend::instance).containsExactly(1, 2, 3);
		assertThat(backends).allMatch(Backend::healthy);
		assertThat(backends.stream().map(Backend::port).distinct()).hasSize(3);
		for (Backend backend : backends) {
			assertThat(get(backend.port())).contains("instance=" + backend.instance(), "port=" + backend.port(),
					"project=api");
			PortKey entry = PortKey.instance(this.api, backend.instance());
			assertThat(this.localdb.registry().allocation(entry)).map(Allocation::port).hasValue(backend.port());
		}
		// one registry entry per instance, under names no project can have
		assertThat(this.localdb.registry().read().entries().keySet()).extracting(PortKey::toString)
			.containsExactly("api", "api#2", "api#3");
		assertThat(this.localdb.registry().read().ports()).containsOnlyKeys(this.api);
		assertThat(this.localdb.catalog().list()).singleElement().satisfies(status -> {
			assertThat(status.instances()).extracting(ProjectStatus.Instance::instance).containsExactly(1, 2, 3);
			assertThat(status.instances()).allMatch(instance -> instance.state() == ProjectStatus.State.RUNNING);
		});

		StopResult stopped = this.localdb.projects().stop(this.api);
		assertThat(stopped.others()).hasSize(2);
		assertThat(this.localdb.registry().read().entries()).isEmpty();
		assertThat(backends).allSatisfy(backend -> assertThat(this.localdb.probe().isFree(backend.port())).isTrue());
		assertThat(this.localdb.catalog().backends(this.api)).isEmpty();
	}

	@Test
	void aKilledInstanceLeavesTheBackendsAndTheSupervisorBringsItBackOnItsPorts() throws Exception {
		start(StartRequest.of(this.api).withRestart(RestartPolicy.ON_FAILURE).withPorts(List.of("debug")), 3);
		PortKey second = PortKey.instance(this.api, 2);
		ServerInfo before = this.localdb.servers().read(second).orElseThrow();
		int debug = this.localdb.registry().allocation(second.named("debug")).orElseThrow().port();

		ProcessHandle process = ProcessHandle.of(before.pid()).orElseThrow();
		process.destroyForcibly();
		process.onExit().get(10, TimeUnit.SECONDS);

		assertThat(this.localdb.catalog().backends(this.api)).extracting(Backend::instance).containsExactly(1, 3);
		RestartSupervisor supervisor = new RestartSupervisor(this.localdb.registry(), this.localdb.servers(),
				this.localdb.processes(), this.localdb.projects(), new RestartSettings(3, Duration.ofMinutes(1), Duration.ZERO),
				Clock.systemUTC());
		supervisor.check();

		ServerInfo after = this.localdb.servers().read(second).orElseThrow();
		assertThat(after.pid()).isNotEqualTo(before.pid());
		assertThat(after.port()).isEqualTo(before.port());
		assertThat(get(after.port())).contains("instance=2", "debug=" + debug);
		assertThat(this.localdb.catalog().backends(this.api)).extracting(Backend::instance).containsExactly(1, 2, 3);
	}

	@Test
	void scaleAddsAndRemovesTheHighestInstancesWithoutTouchingTheOthers() throws Exception {
		start(this.api, 2);
		List<Long> firstTwo = pids();

		ProjectService.Scaled up = this.localdb.projects().scale(this.api, 4, StartProgress.NONE);
		assertThat(up.before()).isEqualTo(2);
		assertThat(this.localdb.catalog().backends(this.api)).extracting(Backend::instance).containsExactly(1, 2, 3, 4);
		assertThat(pids().subList(0, 2)).isEqualTo(firstTwo);
		for (Backend backend : this.localdb.catalog().backends(this.api)) {
			assertThat(get(backend.port())).contains("instance=" + backend.instance());
		}

		List<Long> four = pids();
		ProjectService.Scaled down = this.localdb.projects().scale(this.api, 1, StartProgress.NONE);
		assertThat(down.stopped()).containsExactly(4, 3, 2);
		assertThat(this.localdb.catalog().backends(this.api)).extracting(Backend::instance).containsExactly(1);
		assertThat(pids()).containsExactly(firstTwo.get(0));
		assertThat(four.subList(1, 4)).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
			.isNotEqualTo(java.util.Optional.of(true)));
		assertThat(this.localdb.registry().read().entries().keySet()).extracting(PortKey::toString).containsExactly("api");

		assertThatThrownBy(() -> this.localdb.projects().scale(ProjectName.of("nothing"), 2, StartProgress.NONE))
			.isInstanceOfSatisfying(LocalDbException.class, ex -> assertThat(ex.failure()).isEqualTo(Failure.USAGE))
			.hasMessageContaining("is not running");
		assertThatThrownBy(() -> this.localdb.projects().scale(this.api, 0, StartProgress.NONE))
			.hasMessageContaining("1-" + PortKey.MAX_INSTANCES);
	}

	@Test
	void aRollingRestartUnderLoadFailsNoRequest() throws Exception {
		start(this.api, 3);
		List<Long> before = pids();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger served = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		ExecutorService client = Executors.newSingleThreadExecutor();
		// round robin over the healthy backends, as the proxy does: another backend only when one refused the connection
		Future<?> load = client.submit(() -> {
			int next = 0;
			while (running.get()) {
				List<Backend> healthy = this.localdb.catalog().backends(this.api).stream().filter(Backend::healthy).toList();
				if (healthy.isEmpty()) {
					failures.add("no healthy backend");
					continue;
				}
				String answer = null;
				for (int tried = 0; tried < healthy.size() && answer == null; tried++) {
					Backend backend = healthy.get(next++ % healthy.size());
					try {
						answer = get(backend.port());
					}
					catch (ConnectException ex) {
						// refused before anything was sent: the next backend
					}
					catch (IOException ex) {
						failures.add(backend + ": " + ex);
						answer = "";
					}
				}
				if (answer == null) {
					failures.add("every backend refused");
				}
				else if (answer.startsWith("HTTP/1.0 200")) {
					served.incrementAndGet();
				}
				else if (!answer.isEmpty()) {
					failures.add("answer: " + answer);
				}
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> served.get() > 20);

		StartResult restarted = this.localdb.projects().restart(StartRequest.of(this.api), StartProgress.NONE);

		int afterRestart = served.get();
		await().atMost(Duration.ofSeconds(10)).until(() -> served.get() > afterRestart + 20);
		running.set(false);
		load.get(10, TimeUnit.SECONDS);
		client.shutdown();
		assertThat(failures).isEmpty();
		assertThat(restarted.all()).allMatch(StartResult::replaced);
		List<Long> after = pids();
		assertThat(after).hasSize(3).doesNotContainAnyElementsOf(before);
		assertThat(this.localdb.catalog().backends(this.api)).extracting(Backend::instance).containsExactly(1, 2, 3);
	}

	@Test
	void concurrentClusterStartsNeverShareAPort() throws Exception {
		List<ProjectName> projects = List.of(ProjectName.of("one"), ProjectName.of("two"), ProjectName.of("three"));
		ExecutorService pool = Executors.newFixedThreadPool(3);
		List<Future<StartResult>> results = new ArrayList<>();
		for (ProjectName project : projects) {
			this.started.add(project);
			results.add(pool.submit(() -> this.localdb.projects()
				.start(StartRequest.of(project).withCommand(InstanceServer.command())
					.withInvocation(this.home.toString(), null)
					.withInstances(3)
					.withPorts(List.of("debug")), StartProgress.NONE)));
		}
		Set<Integer> ports = new HashSet<>();
		for (Future<StartResult> result : results) {
			for (StartResult instance : result.get(120, TimeUnit.SECONDS).all()) {
				assertThat(ports.add(instance.port())).as("port %d given twice", instance.port()).isTrue();
				assertThat(ports.add(instance.ports().get("debug"))).isTrue();
			}
		}
		pool.shutdown();
		assertThat(ports).hasSize(18);
		assertThat(this.localdb.registry().read().entries()).hasSize(18);
		for (ProjectName project : projects) {
			for (Backend backend : this.localdb.catalog().backends(project)) {
				assertThat(get(backend.port())).contains("project=" + project, "instance=" + backend.instance());
			}
		}
	}

	@Test
	void namedPortsAreGivenToTheServerKeptOnRestartAndReleasedOnStop() throws Exception {
		StartResult first = start(StartRequest.of(this.api).withPorts(List.of("debug", "metrics")), 1);
		int debug = first.ports().get("debug");
		assertThat(first.ports()).containsOnlyKeys("debug", "metrics");
		assertThat(get(first.port())).contains("debug=" + debug);
		assertThat(this.localdb.registry().allocation(PortKey.of(this.api).named("debug"))).map(Allocation::port)
			.hasValue(debug);
		assertThat(this.localdb.catalog().variables(this.api, "127.0.0.1")).containsEntry("PORT_DEBUG",
				Integer.toString(debug));

		StartResult restarted = this.localdb.projects().restart(StartRequest.of(this.api), StartProgress.NONE);
		assertThat(restarted.ports()).containsEntry("debug", debug);
		assertThat(get(restarted.port())).contains("debug=" + debug);

		this.localdb.projects().stop(this.api);
		assertThat(this.localdb.registry().read().entries()).isEmpty();
		assertThat(this.localdb.probe().isFree(debug)).isTrue();

		// remembered like --env: a later start asks for them again
		StartResult again = start(StartRequest.of(this.api), 1);
		assertThat(again.ports()).containsOnlyKeys("debug", "metrics");
		assertThat(get(again.port())).contains("debug=" + again.ports().get("debug"));

		assertThatThrownBy(() -> StartRequest.of(this.api).withPorts(List.of("Debug")))
			.isInstanceOfSatisfying(LocalDbException.class, ex -> assertThat(ex.failure()).isEqualTo(Failure.USAGE))
			.hasMessageContaining("Invalid port name 'Debug'");
	}

	@Test
	void cleanupRemovesADeadInstanceWithItsNamedPortsAndForgetRemovesTheCluster() throws Exception {
		start(StartRequest.of(this.api).withPorts(List.of("debug")), 2);
		PortKey second = PortKey.instance(this.api, 2);
		ServerInfo dead = this.localdb.servers().read(second).orElseThrow();
		ProcessHandle process = ProcessHandle.of(dead.pid()).orElseThrow();
		process.destroyForcibly();
		process.onExit().get(10, TimeUnit.SECONDS);

		assertThat(this.localdb.cleaner().cleanup().removed()).extracting(removal -> removal.entry().toString())
			.containsExactlyInAnyOrder("api#2", "api#2:debug");
		assertThat(this.localdb.servers().exists(second)).isFalse();
		assertThat(this.localdb.registry().read().entries().keySet()).extracting(PortKey::toString)
			.containsExactly("api", "api:debug");
		assertThat(this.localdb.catalog().backends(this.api)).extracting(Backend::instance).containsExactly(1);

		this.localdb.projects().scale(this.api, 3, StartProgress.NONE);
		this.localdb.projects().forget(this.api);
		assertThat(this.localdb.registry().read().entries()).isEmpty();
		assertThat(this.localdb.catalog().list()).isEmpty();
		assertThat(this.localdb.servers().instances(this.api)).containsExactly(PortKey.of(this.api));
	}

	@Test
	void aClusterWhoseInstanceFailsToStartLeavesNothingRunning() {
		this.started.add(this.api);
		String failsAsSecond = "if [ \"$LOCALDB_INSTANCE\" = 2 ]; then echo broken; exit 3; fi; " + InstanceServer.command();
		assertThatThrownBy(() -> this.localdb.projects()
			.start(StartRequest.of(this.api).withCommand(failsAsSecond).withInvocation(this.home.toString(), null)
				.withInstances(3), StartProgress.NONE))
			.isInstanceOf(ServerStartFailedException.class)
			.hasMessageContaining("Instance 2 of 'api' failed to start");
		assertThat(this.localdb.registry().read().entries()).isEmpty();
		assertThat(this.localdb.projects().running(this.api)).isEmpty();
		assertThat(this.localdb.catalog().backends(this.api)).isEmpty();

		assertThatThrownBy(() -> StartRequest.of(this.api).withInstances(0))
			.isInstanceOfSatisfying(LocalDbException.class, ex -> assertThat(ex.failure()).isEqualTo(Failure.USAGE))
			.hasMessageContaining("not 0");
	}

	private StartResult start(ProjectName project, int instances) {
		return start(StartRequest.of(project), instances);
	}

	private StartResult start(StartRequest request, int instances) {
		this.started.add(request.project());
		return this.localdb.projects()
			.start(request.withCommand(InstanceServer.command())
				.withInvocation(this.home.toString(), null)
				.withInstances(instances), StartProgress.NONE);
	}

	/** The pids of the project's servers, by instance. */
	private List<Long> pids() {
		List<Long> pids = new ArrayList<>();
		for (PortKey instance : this.localdb.servers().instances(this.api)) {
			this.localdb.servers().read(instance).ifPresent(info -> pids.add(info.pid()));
		}
		return pids;
	}

	/** One request on its own connection; ConnectException when the port refuses it. */
	private static String get(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("GET / HTTP/1.0\r\nHost: api.localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			String text = answer.toString(StandardCharsets.US_ASCII);
			if (text.isEmpty()) {
				throw new IOException("the connection closed without an answer");
			}
			return text;
		}
	}

}
