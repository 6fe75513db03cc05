package dev.localdb.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.localdb.os.AtomicFile;
import dev.localdb.os.CrossProcessLock;
import dev.localdb.os.PortProbe;
import dev.localdb.os.ProcessIdentity;
import dev.localdb.os.ProcessTable;
import dev.localdb.system.LocalDbException;

/**
 * The port registry, {@code runtime/.port-registry.json}, shared by every LocalDB process.
 *
 * <p>
 * Reads need no lock: the file is only ever replaced whole. Every read-modify-write runs under
 * the {@link CrossProcessLock}, so two processes never both decide from the same old state; the
 * seed's "clock-based conflict resolution" without a lock lets two writers each think they won.
 * A corrupt file is moved aside and rebuilt from the servers that are still running.
 */
public class RegistryService {

	private static final Logger log = LoggerFactory.getLogger(RegistryService.class);

	private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final RuntimePaths paths;

	private final ServerInfoStore servers;

	private final ProcessTable processes;

	private final PortProbe probe;

	private final Clock clock;

	private final CrossProcessLock lock;

	/** What recoveries this process made, for the commands that triggered them to tell their user. */
	private final List<String> recoveries = new CopyOnWriteArrayList<>();

	private volatile Parsed parsed;

	public RegistryService(RuntimePaths paths, ServerInfoStore servers, ProcessTable processes, PortProbe probe,
			Clock clock) {
		this.paths = paths;
		this.servers = servers;
		this.processes = processes;
		this.probe = probe;
		this.clock = clock;
		this.lock = new CrossProcessLock(paths.lockFile());
	}

	/** The registry as it is on disk now (empty when there is none yet). */
	public Registry read() {
		try {
			return decodeFile();
		}
		catch (CorruptFileException ex) {
			return locked(this::readOrRecover);
		}
	}

	public Map<ProjectName, Allocation> allocations() {
		return read().ports();
	}

	public Optional<Allocation> allocation(ProjectName project) {
		return read().allocation(project);
	}

	public Optional<Allocation> allocation(PortKey key) {
		return read().allocation(key);
	}

	/**
	 * Runs {@code action} holding the registry lock, for changes that span the registry and other
	 * files (server.json). Nested calls on the same thread are fine.
	 */
	public <T> T locked(CrossProcessLock.IoAction<T> action) {
		this.paths.ensureRuntime();
		try {
			return this.lock.call(action);
		}
		catch (IOException ex) {
			throw LocalDbException.storage("lock", this.paths.lockFile(), ex);
		}
	}

	/** Read, change and write the registry as one step under the lock. */
	public Registry update(UnaryOperator<Registry> change) {
		return locked(() -> {
			Registry current = readOrRecover();
			Registry changed = change.apply(current);
			if (!changed.equals(current)) {
				write(changed);
			}
			return changed;
		});
	}

	/**
	 * The seed's atomic reservation: under the lock, refuse a port another project holds, check
	 * at OS level that it is free, and record it for {@code project} with {@code owner} as the
	 * reserving process. A port the project already held elsewhere is given up.
	 */
	public Reservation reserve(ProjectName project, int port, ProcessIdentity owner) {
		return reserve(PortKey.of(project), port, owner);
	}

	/** {@link #reserve(ProjectName, int, ProcessIdentity)} for any entry: an instance or a named port. */
	public Reservation reserve(PortKey key, int port, ProcessIdentity owner) {
		return locked(() -> {
			Registry current = readOrRecover();
			Optional<PortKey> holder = current.entryOf(port).filter(other -> !other.equals(key));
			if (holder.isPresent()) {
				return new Reservation.Refused(Reservation.Reason.ALLOCATED, holder.get().project());
			}
			PortProbe.Status status = this.probe.probe(port);
			if (status != PortProbe.Status.FREE) {
				return new Reservation.Refused(status == PortProbe.Status.FORBIDDEN ? Reservation.Reason.FORBIDDEN
						: Reservation.Reason.IN_USE, null);
			}
			Allocation allocation = Allocation.reserved(port, this.clock.millis(), owner);
			write(current.with(key, allocation));
			return new Reservation.Reserved(allocation);
		});
	}

	/** Removes the project's entry; false when it had none. */
	public boolean release(ProjectName project) {
		return release(PortKey.of(project));
	}

	/** Removes the entry; false when there was none. */
	public boolean release(PortKey key) {
		return locked(() -> {
			Registry current = readOrRecover();
			if (current.allocation(key).isEmpty()) {
				return false;
			}
			write(current.without(key));
			return true;
		});
	}

	/**
	 * The file's content, parsed once per version: every write replaces the file (a new inode), so
	 * an unchanged inode, time and size is the registry last parsed, and a warm process (the daemon
	 * answering the actuator) reads it for the price of a stat.
	 */
	private Registry decodeFile() {
		this.paths.ensureRuntime();
		Path file = this.paths.registryFile();
		try {
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			}
			catch (NoSuchFileException ex) {
				return Registry.empty();
			}
			if (attributes.isDirectory()) {
				throw new CorruptFileException("The registry is a directory, not a file");
			}
			Parsed last = this.parsed;
			if (last != null && last.matches(attributes)) {
				return last.registry();
			}
			Registry registry = AtomicFile.read(file)
				.map(content -> StateJson.read(content, Registry.class, "The registry"))
				.orElseGet(Registry::empty);
			this.parsed = new Parsed(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), registry);
			return registry;
		}
		catch (IOException ex) {
			throw LocalDbException.storage("read", file, ex);
		}
	}

	/** The registry as parsed from one version of the file. */
	private record Parsed(Object fileKey, FileTime modified, long size, Registry registry) {

		boolean matches(BasicFileAttributes attributes) {
			return this.fileKey != null && this.fileKey.equals(attributes.fileKey())
					&& this.modified.equals(attributes.lastModifiedTime()) && this.size == attributes.size();
		}

	}

	private Registry readOrRecover() throws IOException {
		try {
			return decodeFile();
		}
		catch (CorruptFileException ex) {
			return recover(ex.getMessage());
		}
	}

	private Registry recover(String problem) throws IOException {
		Path file = this.paths.registryFile();
		Path aside = AtomicFile.moveAside(file, ".corrupt-" + ASIDE_STAMP.format(this.clock.instant()));
		Map<PortKey, Allocation> rebuilt = new TreeMap<>();
		Set<Integer> ports = new HashSet<>();
		for (ProjectName project : this.servers.projectsOnDisk()) {
			Map<String, Integer> named = this.servers.layout(project).map(RememberedProject.Layout::ports).orElse(Map.of());
			for (PortKey instance : this.servers.instances(project)) {
				Optional<ServerInfo> running = this.servers.read(instance)
					.filter(info -> this.processes.isRunning(info.processes()));
				running.filter(info -> ports.add(info.port()))
					.ifPresent(info -> rebuilt.put(instance,
							Allocation.running(info.port(), info.startedAt().toEpochMilli(), info.shownProcess())));
				// the first instance's named ports are in its layout: its server was given them and runs
				if (instance.equals(PortKey.of(project)) && running.isPresent()) {
					ServerInfo info = running.get();
					named.forEach((name, port) -> {
						if (port != null && ports.add(port)) {
							rebuilt.put(instance.named(name),
									Allocation.running(port, info.startedAt().toEpochMilli(), info.shownProcess()));
						}
					});
				}
			}
		}
		Registry registry = new Registry(rebuilt, 0);
		write(registry);
		String notice = "The port registry was corrupt (" + problem + "). It was moved to " + aside
				+ " and rebuilt with " + rebuilt.size() + " allocation(s) of running servers.";
		// the command that found it tells its user (a daemon's log is not where anyone looks); see recoveries
		log.info(notice);
		this.recoveries.add(notice);
		return registry;
	}

	/** How many recoveries this process has made: a mark for {@link #recoveriesSince(int)}. */
	public int recoveryCount() {
		return this.recoveries.size();
	}

	/** What each recovery after {@code mark} did, in one sentence. */
	public List<String> recoveriesSince(int mark) {
		return List.copyOf(this.recoveries.subList(Math.min(mark, this.recoveries.size()), this.recoveries.size()));
	}

	private void write(Registry registry) throws IOException {
		Path file = this.paths.registryFile();
		AtomicFile.write(file, StateJson.write(registry));
		// Under the lock no writer is mid-write: any temp file left is a dead writer's.
		AtomicFile.removeStrayTempFiles(file);
	}

}
