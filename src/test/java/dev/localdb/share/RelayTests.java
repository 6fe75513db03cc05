package dev.localdb.share;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --via}: an SSH address as ssh takes it, and one clear line for anything else. */
class RelayTests {

	@Test
	void anSshAddressNamesUserHostAndPortAndItsKnownHostsName() {
		assertThat(Relay.parse("ssh://nokey@localhost.run", "--via")).isEqualTo(new Relay("nokey", "localhost.run", 22));
		assertThat(Relay.parse("ssh://localhost.run", "--via").user()).isEqualTo(System.getProperty("user.name"));
		Relay own = Relay.parse("ssh://me@[::1]:2222", "--via");
		assertThat(own).isEqualTo(new Relay("me", "::1", 2222));
		assertThat(own.knownHostsName()).isEqualTo("[::1]:2222");
		assertThat(own).hasToString("ssh://me@[::1]:2222");
		assertThat(Relay.parse("ssh://me@relay.example.com", "--via").knownHostsName()).isEqualTo("relay.example.com");
	}

	@Test
	void anythingElseIsRefusedWithWhatToWrite() {
		for (String bad : new String[] { "relay.example.com", "http://relay.example.com", "ssh://", "ssh://host/path",
				"ssh://host?x=1", " " }) {
			assertThatThrownBy(() -> Relay.parse(bad, "--via")).as(bad)
				.hasMessageStartingWith("--via takes ssh://[user@]host[:port], e.g. ssh://me@relay.example.com:2222");
		}
		assertThatThrownBy(() -> Relay.parse("ssh://me:secret@host", "--via"))
			.hasMessage("--via takes no password: LocalDB signs in with your SSH keys or agent. Use ssh://me@host.");
	}

}
