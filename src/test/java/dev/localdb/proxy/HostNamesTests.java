package dev.localdb.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.localdb.registry.ProjectName;

/** Which Host means LocalDB, which a project (longest name first), and which is refused. */
class HostNamesTests {

	private final HostNames hosts = new HostNames("");

	@Test
	void loopbackNamesAndLocaldbLocalhostAreLocalDbsOwnPages() {
		for (String host : new String[] { "localhost:10400", "127.0.0.1:10400", "[::1]:10400", "LocalDB.localhost:10400",
				"localhost" }) {
			assertThat(this.hosts.route(host)).as(host).isInstanceOf(HostNames.Own.class);
		}
	}

	@Test
	void aSubNameTriesTheLongestProjectNameFirst() {
		assertThat(this.hosts.route("api.my.app.localhost:10400")).isEqualTo(new HostNames.Project(
				List.of(ProjectName.of("api.my.app"), ProjectName.of("my.app"), ProjectName.of("app"))));
		assertThat(this.hosts.route("Diary.localhost.:10400")).isEqualTo(
				new HostNames.Project(List.of(ProjectName.of("diary"))));
	}

	@Test
	void anyOtherHostIsForeign() {
		for (String host : new String[] { "attacker.example", "127.0.0.2:10400", "localhost.attacker.example",
				".localhost", "", "diary.localhost.attacker.example" }) {
			assertThat(this.hosts.route(host)).as(host).isInstanceOf(HostNames.Foreign.class);
		}
		assertThat(this.hosts.route(null)).isInstanceOf(HostNames.Foreign.class);
	}

	@Test
	void theConfiguredAddressIsLocalDbsToo() {
		assertThat(new HostNames("192.168.1.5").route("192.168.1.5:10400")).isInstanceOf(HostNames.Own.class);
		assertThat(new HostNames("::1").route("[::1]:10400")).isInstanceOf(HostNames.Own.class);
	}

}
