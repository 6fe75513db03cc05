package dev.localdb.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's TCP socket tables, {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the one place
 * they are parsed. Each line after the header is one socket:
 * {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...}, addresses
 * as the kernel prints them ({@code 0100007F:0BB8}). Parsed by hand: with a thousand listeners a
 * regular expression per line costs more than reading the table.
 */
final class TcpTable {

	static final Path IPV4 = Path.of("/proc/net/tcp");

	static final Path IPV6 = Path.of("/proc/net/tcp6");

	static final List<Path> BOTH = List.of(IPV4, IPV6);

	/** The state column of a listening socket. */
	static final int LISTEN = 0x0A;

	private TcpTable() {
	}

	/**
	 * One socket.
	 * @param local its address and port as the table prints them
	 * @param remote the other end's, likewise
	 * @param state its TCP state ({@link #LISTEN} for a listener)
	 * @param uid the user that created it
	 * @param inode its inode: a process holds it when one of its fds links to {@code socket:[inode]}
	 */
	record Row(String local, String remote, int state, int uid, String inode) {

		int localPort() {
			return Integer.parseInt(this.local, this.local.lastIndexOf(':') + 1, this.local.length(), 16);
		}

	}

	/** The sockets of one table; empty when it cannot be read (not Linux, or no IPv6). */
	static Optional<List<Row>> read(Path table) {
		byte[] content;
		try {
			content = Files.readAllBytes(table);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
		List<Row> rows = new ArrayList<>();
		int start = indexOf(content, 0, (byte) '\n') + 1;
		String[] fields = new String[10];
		while (start > 0 && start < content.length) {
			int next = indexOf(content, start, (byte) '\n');
			int end = next < 0 ? content.length : next;
			if (split(content, start, end, fields) == fields.length) {
				try {
					rows.add(new Row(fields[1], fields[2], Integer.parseInt(fields[3], 16), Integer.parseInt(fields[7]),
							fields[9]));
				}
				catch (NumberFormatException ex) {
					// a line of another format: skipped
				}
			}
			start = next < 0 ? -1 : next + 1;
		}
		return Optional.of(rows);
	}

	/** The first {@code fields.length} blank-separated words of {@code content[start, end)}; how many were found. */
	private static int split(byte[] content, int start, int end, String[] fields) {
		int found = 0;
		int i = start;
		while (i < end && found < fields.length) {
			while (i < end && content[i] == ' ') {
				i++;
			}
			int word = i;
			while (i < end && content[i] != ' ') {
				i++;
			}
			if (i > word) {
				fields[found++] = new String(content, word, i - word, StandardCharsets.US_ASCII);
			}
		}
		return found;
	}

	private static int indexOf(byte[] content, int from, byte wanted) {
		for (int i = from; i < content.length; i++) {
			if (content[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
