package dev.localdb.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.cleanup.CleanupResult;
import dev.localdb.cleanup.RegistryReport;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.registry.Allocation;
import dev.localdb.registry.ProjectName;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.system.LocalDbException;

/** The endpoint object called directly, as Spring Boot's own endpoint tests do. */
class PortsEndpointTests {

	@TempDir
	Path home;

	LocalDbFixture localdb;

	PortsEndpoint endpoint;

	int port;

	@BeforeEach
	void setUp() {
		this.localdb = LocalDbFixture.create(this.home, TestPorts.ranges(5, 5, 5));
		this.endpoint = new PortsEndpoint(this.localdb.cleaner());
		this.port = TestPorts.freeBlock(2).low();
	}

	@Test
	void listsEveryAllocationWithWhetherItIsAlive() {
		ProcessIdentity self = this.localdb.processes().self();
		this.localdb.registry().reserve(ProjectName.of("starting"), this.port, self);
		this.localdb.registry()
			.update(r -> r.with(ProjectName.of("gone"), new Allocation(this.port + 1, 5, 1, null, Allocation.State.RUNNING)));

		RegistryReport ports = this.endpoint.report();

		assertThat(ports.allocations()).extracting(a -> a.project().value(), a -> a.port(), a -> a.alive())
			.containsExactly(tuple("gone", this.port + 1, false),
					tuple("starting", this.port, true));
		assertThat(ports.lastCleanup()).isEmpty();
	}

	@Test
	void theJsonIsRenderedOncePerReportAndFollowsAChange() {
		this.localdb.registry().reserve(ProjectName.of("diary"), this.port, this.localdb.processes().self());
		byte[] first = this.endpoint.ports();

		assertThat(this.endpoint.ports()).isSameAs(first);
		assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"project\":\"diary\"", "\"alive\":true");

		this.localdb.registry().reserve(ProjectName.of("notes"), this.port + 1, this.localdb.processes().self());
		assertThat(new String(this.endpoint.ports(), StandardCharsets.UTF_8)).contains("\"project\":\"notes\"");
	}

	@Test
	void oneProjectOrNothing() {
		this.localdb.registry().reserve(ProjectName.of("diary"), this.port, this.localdb.processes().self());
		assertThat(this.endpoint.allocation("diary").port()).isEqualTo(this.port);
		assertThat(this.endpoint.allocation("ghost")).isNull();
		assertThatThrownBy(() -> this.endpoint.allocation("../etc"))
			.isInstanceOf(LocalDbException.class)
			.hasMessageContaining("Invalid project name");
	}

	@Test
	void writeOperationRunsTheCleanup() {
		this.localdb.registry()
			.update(r -> r.with(ProjectName.of("gone"), new Allocation(this.port, 5, 1, null, Allocation.State.RUNNING)));

		CleanupResult result = this.endpoint.cleanup();

		assertThat(result.count()).isEqualTo(1);
		assertThat(result.removed()).singleElement().satisfies(removed -> {
			assertThat(removed.project()).isEqualTo(ProjectName.of("gone"));
			assertThat(removed.reason()).isEqualTo("no server.json");
		});
		assertThat(this.endpoint.report().allocations()).isEmpty();
		assertThat(this.endpoint.report().lastCleanup()).isPresent();
	}

}
