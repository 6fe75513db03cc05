package dev.localdb.endpoint;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.localdb.cleanup.AllocationReport;
import dev.localdb.cleanup.CleanupResult;
import dev.localdb.cleanup.RegistryReport;
import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.registry.ProjectName;
import dev.localdb.share.ShareStatus;
import dev.localdb.web.AllocationsJson;
import dev.localdb.web.WebPort;

/**
 * {@code /actuator/ports}: every allocation ({@code GET}), one project's ({@code GET
 * /actuator/ports/{project}}, 404 when it holds none), and the cleanup ({@code POST}). The answers
 * are the same records {@code ports --json} and {@code ports --cleanup --json} print.
 */
@Endpoint(id = "ports")
class PortsEndpoint implements AllocationsJson {

	private final StaleAllocationCleaner cleaner;

	private final JsonMapper json;

	private final Supplier<List<ShareStatus>> shares;

	private volatile Rendered last;

	/** The daemon's web port, while it serves one: the allocations' named URLs. */
	private final Supplier<OptionalInt> webPort;

	/**
	 * @param json the actuator's own mapper, so the cached answer is the JSON it would write
	 * @param webPort the daemon's web port, while it serves one, for the allocations' named URLs
	 * @param shares the daemon's shares, shown with their public URL next to the allocations
	 */
	PortsEndpoint(StaleAllocationCleaner cleaner, JsonMapper json, Supplier<OptionalInt> webPort,
			Supplier<List<ShareStatus>> shares) {
		this.cleaner = cleaner;
		this.json = json;
		this.webPort = webPort;
		this.shares = shares;
	}

	PortsEndpoint(StaleAllocationCleaner cleaner) {
		this(cleaner, actuatorMapper(), OptionalInt::empty, List::of);
	}

	/** What Spring Boot's actuator uses when nothing else is configured: null fields left out. */
	static JsonMapper actuatorMapper() {
		return JsonMapper.builder()
			.changeDefaultPropertyInclusion(
					inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
						.withContentInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

	/**
	 * The report as JSON, rendered once per report: the cleaner hands out the same report while the
	 * registry is unchanged (for a second), and writing 100 allocations with their health costs
	 * more than the rest of a request, so a dashboard or a script polling hard costs little.
	 */
	@ReadOperation
	byte[] ports() {
		RegistryReport report = this.cleaner.report();
		List<ShareStatus> shared = this.shares.get();
		Rendered rendered = this.last;
		if (rendered == null || rendered.report() != report || !rendered.shares().equals(shared)) {
			rendered = new Rendered(report, shared, this.json.writeValueAsBytes(tree(report, shared)));
			this.last = rendered;
		}
		return rendered.json();
	}

	/**
	 * The report with each allocation's named URL ({@code url}) where the daemon serves a web port
	 * (read once for all), and the daemon's shares, if any.
	 */
	private JsonNode tree(RegistryReport report, List<ShareStatus> shared) {
		ObjectNode tree = (ObjectNode) WebPort.withNamedUrls(this.json.valueToTree(report), this.webPort.get());
		if (!shared.isEmpty()) {
			tree.set("shares", this.json.valueToTree(shared));
		}
		return tree;
	}

	@Override
	public byte[] json() {
		return ports();
	}

	@Override
	public Optional<byte[]> ready() {
		Rendered rendered = this.last;
		if (rendered == null) {
			return Optional.empty();
		}
		return this.cleaner.freshReport()
			.filter(report -> report == rendered.report() && rendered.shares().equals(this.shares.get()))
			.map(report -> rendered.json());
	}

	/** The report {@link #ports()} renders. */
	RegistryReport report() {
		return this.cleaner.report();
	}

	private record Rendered(RegistryReport report, List<ShareStatus> shares, byte[] json) {
	}

	/**
	 * @return the allocation, or null (404) when the project holds none
	 * @throws dev.localdb.system.LocalDbException (400) when the name is not a valid project name
	 */
	@ReadOperation
	AllocationReport allocation(@Selector String project) {
		return this.cleaner.report(ProjectName.of(project)).orElse(null);
	}

	@WriteOperation
	CleanupResult cleanup() {
		return this.cleaner.cleanup();
	}

}
