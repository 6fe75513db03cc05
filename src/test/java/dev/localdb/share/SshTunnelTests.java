package dev.localdb.share;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;

/** A relay that prints its public address in the session, as localhost.run does: that address is the share's URL. */
class SshTunnelTests {

	@TempDir
	Path temp;

	@Test
	void theUrlARelayPrintsInItsSessionIsTheSharesUrl() throws Exception {
		KeyPair user = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
		SshClient client = SshClient.setUpDefaultClient();
		try (TestRelay relay = new TestRelay(user.getPublic())
			.printing("Welcome! Docs: https://relay.example/docs\r\n"
					+ "diary-3c5b.relay.example tunneled with tls termination, https://diary-3c5b.relay.example\r\n")
			.start(this.temp.resolve("host-key"))) {
			Relay address = Relay.parse(relay.via(), "--via");
			HostKeys hostKeys = new HostKeys(address, this.temp.resolve("known_hosts"));
			client.setServerKeyVerifier(hostKeys.verifier(true));
			client.start();

			try (SshTunnel tunnel = SshTunnel.open(client, address, hostKeys, List.of(user), TestPorts.freeBlock(1).low(),
					TestPorts.freeBlock(1).low(), Duration.ofSeconds(10), Duration.ofSeconds(10), true)) {
				assertThat(tunnel.url()).isEqualTo("https://diary-3c5b.relay.example");
			}
		}
		finally {
			client.stop();
		}
	}

}
