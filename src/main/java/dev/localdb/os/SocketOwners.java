package dev.localdb.os;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which Unix user opened the other end of a loopback TCP connection, as identd answers it: the
 * kernel lists every socket in {@code /proc/net/tcp} and {@code tcp6} with the uid that created
 * it, and the peer's socket is the line whose local address is the peer's and whose remote
 * address is ours. Loopback is shared by every user of the machine; this is how a server on it
 * tells its own user's requests from another's. Empty where the tables cannot be read (not Linux).
 */
public final class SocketOwners {

	private final List<Path> tables;

	public SocketOwners() {
		this(TcpTable.BOTH);
	}

	/** @param tables the socket tables to read, in the kernel's format (tests name their own) */
	public SocketOwners(List<Path> tables) {
		this.tables = tables;
	}

	/** The uid of this process: the one every other socket's owner is compared with. */
	public static OptionalInt ownUid() {
		try {
			return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return OptionalInt.empty();
		}
	}

	/**
	 * @param peer the address and port the connection comes from
	 * @param local the address and port it was made to (this server's)
	 * @return the uid of the process that opened the peer's socket, when the kernel says
	 */
	public OptionalInt uidOf(InetSocketAddress peer, InetSocketAddress local) {
		// a client with an IPv6 socket (Java's default) to an IPv4 address shows IPv4-mapped in tcp6
		List<String> wanted = peer.getAddress() instanceof Inet4Address && local.getAddress() instanceof Inet4Address
				? List.of(key(peer) + " " + key(local), mappedKey(peer) + " " + mappedKey(local))
				: List.of(key(peer) + " " + key(local));
		for (Path table : this.tables) {
			Optional<TcpTable.Row> socket = TcpTable.read(table)
				.orElse(List.of())
				.stream()
				.filter(row -> wanted.contains(row.local() + " " + row.remote()))
				.findFirst();
			if (socket.isPresent()) {
				return OptionalInt.of(socket.get().uid());
			}
		}
		return OptionalInt.empty();
	}

	/**
	 * An address as the tables print it: each 32-bit word of the address in the machine's byte
	 * order (little-endian on every Linux LocalDB runs on), then the port in hex. An IPv4 peer
	 * of a dual-stack listener appears in tcp6 as an IPv4-mapped address.
	 */
	static String key(InetSocketAddress address) {
		InetAddress ip = address.getAddress();
		String port = String.format(Locale.ROOT, "%04X", address.getPort());
		if (ip instanceof Inet4Address) {
			return words(ip.getAddress()) + ":" + port;
		}
		return words(((Inet6Address) ip).getAddress()) + ":" + port;
	}

	/** The tcp6 form of an IPv4 address ({@code ::ffff:a.b.c.d}), for a dual-stack listener. */
	static String mappedKey(InetSocketAddress address) {
		byte[] v4 = address.getAddress().getAddress();
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xff;
		mapped[11] = (byte) 0xff;
		System.arraycopy(v4, 0, mapped, 12, 4);
		return words(mapped) + ":" + String.format(Locale.ROOT, "%04X", address.getPort());
	}

	private static String words(byte[] bytes) {
		byte[] swapped = new byte[bytes.length];
		for (int word = 0; word < bytes.length; word += 4) {
			for (int i = 0; i < 4; i++) {
				swapped[word + i] = bytes[word + 3 - i];
			}
		}
		return HexFormat.of().withUpperCase().formatHex(swapped);
	}

}
