package dev.localdb.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.localdb.support.DaemonHome;
import dev.localdb.support.JavaProcess.Result;
import dev.localdb.support.TestServer;

/**
 * {@code --json} as a script reads it: through the client and a real daemon, each reporting command
 * prints one JSON document on stdout with what its text shows, and a failure prints nothing there.
 */
class JsonOutputTests {

	final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path tempDir;

	@Test
	void everyReportingCommandPrintsOneDocumentWithWhatItsTextShows() throws Exception {
		try (DaemonHome home = new DaemonHome(this.tempDir)) {
			JsonNode started = parsed(home.run("start", "api", "--json", "--ports", "debug", "--command", TestServer.command()));
			int port = started.get("port").asInt();
			assertThat(started.get("project").asString()).isEqualTo("api");
			assertThat(started.get("pid").asLong()).isPositive();
			assertThat(started.get("url").asString()).isEqualTo("http://127.0.0.1:" + port + "/");
			String named = "http://api.localhost:" + home.webPort() + "/";
			assertThat(started.get("namedUrl").asString()).isEqualTo(named);
			assertThat(started.get("ports").get("debug").asInt()).isPositive().isNotEqualTo(port);
			assertThat(started.get("alreadyRunning").asBoolean()).isFalse();
			assertThat(started.has("instances")).isFalse();

			JsonNode held = parsed(home.run("port", "api", "--json"));
			assertThat(held.get("project").asString()).isEqualTo("api");
			assertThat(held.get("port").asInt()).isEqualTo(port);

			// --json never opens the browser: it only prints the address
			JsonNode opened = parsed(home.run("open", "api", "--json"));
			assertThat(opened.get("url").asString()).isEqualTo(named);

			JsonNode daemon = parsed(home.run("daemon", "status", "--json"));
			assertThat(daemon.get("running").asBoolean()).isTrue();
			assertThat(daemon.get("pid").asLong()).isEqualTo(home.daemonPid().orElseThrow());
			assertThat(daemon.get("home").asString()).isEqualTo(home.home().toString());
			assertThat(daemon.get("web").asString()).contains(Integer.toString(home.webPort()));
			assertThat(daemon.get("socket").asString()).isNotBlank();
			assertThat(daemon.get("log").asString()).endsWith("daemon.log");

			JsonNode restarted = parsed(home.run("restart", "api", "--json"));
			assertThat(restarted.get("replaced").asBoolean()).isTrue();
			assertThat(restarted.get("port").asInt()).isEqualTo(port);
			assertThat(restarted.get("pid").asLong()).isNotEqualTo(started.get("pid").asLong());

			JsonNode scaled = parsed(home.run("scale", "api", "2", "--json"));
			assertThat(scaled.get("before").asInt()).isEqualTo(1);
			assertThat(scaled.get("after").asInt()).isEqualTo(2);
			assertThat(scaled.get("instances")).hasSize(2);
			assertThat(scaled.get("instances").get(1).get("instance").asInt()).isEqualTo(2);
			assertThat(scaled.get("instances").get(1).get("alreadyRunning").asBoolean()).isFalse();

			JsonNode stopped = parsed(home.run("stop", "api", "--json"));
			assertThat(stopped.get("port").asInt()).isEqualTo(port);
			assertThat(stopped.get("instances")).hasSize(2);
			assertThat(stopped.get("instances").get(1).get("pid").asLong()).isPositive();
			assertThat(stopped.get("killed").asBoolean()).isFalse();

			JsonNode forgotten = parsed(home.run("forget", "api", "--json"));
			assertThat(forgotten.get("project").asString()).isEqualTo("api");
			assertThat(forgotten.get("stoppedPid").isNull()).isTrue();

			// a cluster's start lists every instance
			JsonNode cluster = parsed(home.run("start", "web", "--json", "--instances", "2", "--command", TestServer.command()));
			assertThat(cluster.get("instances")).hasSize(2);
			assertThat(cluster.get("instances").get(0).get("port").asInt()).isEqualTo(cluster.get("port").asInt());
			assertThat(cluster.get("instances").get(1).get("url").asString()).startsWith("http://127.0.0.1:");
			parsed(home.run("stop", "web", "--json"));

			// failures: one line on stderr, a non-zero status, and nothing a script would parse
			assertFailsQuietly(home.run("stop", "api", "--json"), 3);
			assertFailsQuietly(home.run("port", "ghost", "--json"), 3);
			assertFailsQuietly(home.run("forget", "ghost", "--json"), 3);
			assertFailsQuietly(home.run("unshare", "ghost", "--json"), 3);
			assertFailsQuietly(home.run("share", "ghost", "--json", "--follow"), 2);

			assertThat(home.run("daemon", "stop").exitCode()).isZero();
			Result none = home.run("daemon", "status", "--json");
			assertThat(none.exitCode()).isEqualTo(3);
			JsonNode absent = this.json.readTree(none.stdout());
			assertThat(absent.get("running").asBoolean()).isFalse();
			assertThat(absent.get("home").asString()).isEqualTo(home.home().toString());
		}
	}

	private JsonNode parsed(Result result) {
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		// one document: the whole of stdout
		return this.json.readTree(result.stdout());
	}

	private static void assertFailsQuietly(Result result, int status) {
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(status);
		assertThat(result.stderr().lines()).singleElement().asString().startsWith("Error: ");
		assertThat(result.stdout()).isEmpty();
	}

}
