package dev.localdb.os;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Asks the OS whether a TCP port is free. A port is free only when nothing listens on it on any
 * local address: the IPv4 and IPv6 wildcards and the loopback addresses of both families. The
 * seed binds {@code 0.0.0.0} only, which misses a server listening on {@code ::1} alone.
 *
 * <p>
 * Probing binds with {@code SO_REUSEADDR}, as servers do, so a port whose last connection is in
 * TIME_WAIT counts as free: a stopped project can restart on its port at once.
 */
public class PortProbe {

	private static final Executor TABLE_READER = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "localdb-listen-table");
		thread.setDaemon(true);
		return thread;
	});

	private final List<InetAddress> addresses;

	public PortProbe() {
		this.addresses = probeAddresses();
	}

	public Status probe(int port) {
		for (InetAddress address : this.addresses) {
			Status status = bind(address, port);
			if (status != Status.FREE) {
				return status;
			}
		}
		return Status.FREE;
	}

	public boolean isFree(int port) {
		return probe(port) == Status.FREE;
	}

	/**
	 * Every TCP port in LISTEN state on this machine, read from the kernel's tables in one pass
	 * (Linux). A search uses it to skip busy ports without a bind each; the final word on a port
	 * is still {@link #probe(int)}. Empty where the tables cannot be read.
	 */
	public BitSet listeningPorts() {
		// The kernel walks its whole socket hash to produce each table: read both at once.
		CompletableFuture<BitSet> ipv6 = CompletableFuture.supplyAsync(() -> readListenTable(TcpTable.IPV6),
				TABLE_READER);
		BitSet listening = readListenTable(TcpTable.IPV4);
		listening.or(ipv6.join());
		return listening;
	}

	/** True when something accepts TCP connections at {@code host:port} (a wildcard host means loopback). */
	public boolean accepts(String host, int port, Duration timeout) {
		String target = switch (host) {
			case "0.0.0.0" -> "127.0.0.1";
			case "::", "[::]" -> "::1";
			default -> host;
		};
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(target, port), (int) Math.max(1, timeout.toMillis()));
			// a connect to a port in the ephemeral range can pick that very port as its own source
			// and connect to itself: nobody listens then
			return socket.getLocalPort() != port || !socket.getLocalAddress().equals(socket.getInetAddress());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether one of {@code pids} holds a listening socket on {@code port}, from the kernel's
	 * tables (the socket's inode in {@code /proc/net/tcp*}, the same inode among the process's open
	 * files). Empty where the tables cannot be read (not Linux): then only a connect can tell.
	 * A connect alone is fooled twice: by a foreign listener that took the port meanwhile, and by
	 * a TCP self-connection when the port lies in the kernel's ephemeral range.
	 */
	public Optional<Boolean> isListenedBy(int port, Set<Long> pids) {
		return portsListenedBy(pids).map(ports -> ports.contains(port));
	}

	/**
	 * Every listening TCP port with the processes that hold it (from the socket inodes in the
	 * kernel's tables and every process's open files; processes LocalDB may not look into are left
	 * out). Empty where the tables cannot be read.
	 */
	public Optional<Map<Integer, Set<Long>>> listeners() {
		Optional<Map<String, Integer>> sockets = listeningSockets();
		if (sockets.isEmpty()) {
			return Optional.empty();
		}
		Map<Integer, Set<Long>> holders = new TreeMap<>();
		sockets.get().values().forEach(port -> holders.put(port, new TreeSet<>()));
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				long pid = Long.parseLong(process.getFileName().toString());
				for (int port : portsOf(pid, sockets.get())) {
					holders.get(port).add(pid);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// what was found so far stands
		}
		return Optional.of(holders);
	}

	/** The TCP ports on which one of {@code pids} listens; empty where the tables cannot be read. */
	public Optional<Set<Integer>> portsListenedBy(Set<Long> pids) {
		Optional<Map<String, Integer>> sockets = listeningSockets();
		if (sockets.isEmpty()) {
			return Optional.empty();
		}
		Set<Integer> ports = new TreeSet<>();
		for (long pid : pids) {
			ports.addAll(portsOf(pid, sockets.get()));
		}
		return Optional.of(ports);
	}

	/** The listening ports among a process's open files. */
	private static Set<Integer> portsOf(long pid, Map<String, Integer> portByInode) {
		Set<Integer> ports = new TreeSet<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : fds) {
				try {
					Integer port = portByInode.get(Files.readSymbolicLink(fd).toString());
					if (port != null) {
						ports.add(port);
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		catch (IOException ex) {
			// the process is gone, or not ours to read
		}
		return ports;
	}

	/** LISTEN sockets by inode ("socket:[N]") with their port; empty where the tables cannot be read. */
	private static Optional<Map<String, Integer>> listeningSockets() {
		Map<String, Integer> portByInode = new HashMap<>();
		boolean readable = false;
		for (Path table : TcpTable.BOTH) {
			Optional<List<TcpTable.Row>> rows = TcpTable.read(table);
			readable |= rows.isPresent();
			rows.orElse(List.of())
				.stream()
				.filter(row -> row.state() == TcpTable.LISTEN)
				.forEach(row -> portByInode.put("socket:[" + row.inode() + "]", row.localPort()));
		}
		return readable ? Optional.of(portByInode) : Optional.empty();
	}

	/** The kernel's ephemeral port range, where outgoing connections take their source ports. */
	public Optional<int[]> ephemeralRange() {
		// read as a stream: Files.readString trusts the size procfs reports (0) and returns one byte
		try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
			String[] bounds = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
			return Optional.of(new int[] { Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]) });
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * True when a server can listen on {@code host} here: a wildcard, a loopback address, or an
	 * address of one of this machine's interfaces ({@code [::1]} and {@code ::1} alike).
	 */
	public boolean isLocalAddress(String host) {
		String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		try {
			InetAddress address = InetAddress.getByName(bare);
			return address.isAnyLocalAddress() || address.isLoopbackAddress()
					|| NetworkInterface.getByInetAddress(address) != null;
		}
		catch (UnknownHostException | SocketException | SecurityException ex) {
			return false;
		}
	}

	private static BitSet readListenTable(Path table) {
		BitSet listening = new BitSet(65536);
		for (TcpTable.Row row : TcpTable.read(table).orElse(List.of())) {
			if (row.state() == TcpTable.LISTEN) {
				listening.set(row.localPort());
			}
		}
		return listening;
	}

	private static Status bind(InetAddress address, int port) {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(address, port), 1);
			return Status.FREE;
		}
		catch (BindException ex) {
			String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
			if (message.contains("permission") || message.contains("access")) {
				return Status.FORBIDDEN;
			}
			if (message.contains("assign requested address")) {
				// this address family is not configured here: nothing can listen on it either
				return Status.FREE;
			}
			return Status.IN_USE;
		}
		catch (IOException ex) {
			return Status.IN_USE;
		}
	}

	private static List<InetAddress> probeAddresses() {
		List<InetAddress> result = new ArrayList<>();
		try {
			// On a dual-stack JVM "::" covers the IPv4 wildcard too; the rest catch listeners
			// on one specific address that a platform's wildcard rules might let through.
			InetAddress ipv6Any = InetAddress.getByName("::");
			if (ipv6Any instanceof Inet6Address && !Boolean.getBoolean("java.net.preferIPv4Stack")) {
				result.add(ipv6Any);
			}
			result.add(InetAddress.getByName("0.0.0.0"));
			result.add(InetAddress.getByName("127.0.0.1"));
			if (!Boolean.getBoolean("java.net.preferIPv4Stack")) {
				result.add(InetAddress.getByName("::1"));
			}
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Literal addresses must resolve", ex);
		}
		return List.copyOf(result);
	}

	public enum Status {

		FREE, IN_USE,
		/** Binding is not allowed (EACCES), e.g. a privileged port for a normal user. */
		FORBIDDEN

	}

}
