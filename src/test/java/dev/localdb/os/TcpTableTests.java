package dev.localdb.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one parser of the kernel's TCP tables, on lines as Linux prints them. */
class TcpTableTests {

	@TempDir
	Path temp;

	@Test
	void readsEverySocketWithItsAddressesStateUidAndInode() throws Exception {
		Path table = Files.writeString(this.temp.resolve("tcp"), """
				  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
				   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0 100 0 0 10 0
				   1: 0100007F:A1B2 0100007F:28A0 01 00000000:00000000 00:00000000 00000000  1001        0 4242 1 0 20 4 30 10 -1
				garbage
				""");
		List<TcpTable.Row> rows = TcpTable.read(table).orElseThrow();

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).isEqualTo(new TcpTable.Row("0100007F:0BB8", "00000000:0000", TcpTable.LISTEN, 0, "31337"));
		assertThat(rows.get(0).localPort()).isEqualTo(3000);
		assertThat(rows.get(1).uid()).isEqualTo(1001);
		assertThat(rows.get(1).state()).isEqualTo(1);
		assertThat(TcpTable.read(this.temp.resolve("missing"))).isEmpty();
	}

}
