package dev.localdb.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who opened the other end of a loopback connection, as the kernel's socket tables say. */
class SocketOwnersTests {

	@Test
	void theOwnerOfAConnectionMadeByThisProcessIsThisProcesssUser() throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		try (ServerSocket server = new ServerSocket(0, 1, loopback);
				Socket client = new Socket(loopback, server.getLocalPort());
				Socket accepted = server.accept()) {
			InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteSocketAddress();
			InetSocketAddress local = (InetSocketAddress) accepted.getLocalSocketAddress();
			assertThat(client.isConnected()).isTrue();
			assertThat(new SocketOwners().uidOf(peer, local)).hasValue(SocketOwners.ownUid().getAsInt());
		}
	}

	@Test
	void readsTheUidColumnOfTheLineWhoseAddressesAreThePeersAndOurs(@TempDir Path dir) throws Exception {
		Path tcp = Files.writeString(dir.resolve("tcp"), """
				  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
				   0: 0100007F:28A0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1061 1
				   1: 0100007F:D431 0100007F:28A0 01 00000000:00000000 00:00000000 00000000  1001        0 2044 1
				   2: 0100007F:28A0 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 2045 1
				""");
		Path tcp6 = Files.writeString(dir.resolve("tcp6"), """
				  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
				   0: 0000000000000000FFFF00000100007F:D432 0000000000000000FFFF00000100007F:28A0 01 00000000:00000000 00:00000000 00000000  1002        0 3 1
				   1: 00000000000000000000000001000000:D433 00000000000000000000000001000000:28A0 01 00000000:00000000 00:00000000 00000000  1003        0 4 1
				""");
		SocketOwners owners = new SocketOwners(List.of(tcp, tcp6));
		InetSocketAddress server = new InetSocketAddress("127.0.0.1", 10400);
		assertThat(owners.uidOf(new InetSocketAddress("127.0.0.1", 54321), server)).hasValue(1001);
		assertThat(owners.uidOf(new InetSocketAddress("127.0.0.1", 54322), server)).as("IPv4-mapped, in tcp6")
			.hasValue(1002);
		assertThat(owners.uidOf(new InetSocketAddress("::1", 54323), new InetSocketAddress("::1", 10400)))
			.hasValue(1003);
		assertThat(owners.uidOf(new InetSocketAddress("127.0.0.1", 54324), server)).isEmpty();
	}

	@Test
	void unknownWhereThereAreNoTables(@TempDir Path dir) {
		SocketOwners owners = new SocketOwners(List.of(dir.resolve("absent")));
		assertThat(owners.uidOf(new InetSocketAddress("127.0.0.1", 1), new InetSocketAddress("127.0.0.1", 2)))
			.isEmpty();
	}

}
