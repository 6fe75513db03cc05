package dev.localdb.share;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.registry.ProjectName;
import dev.localdb.support.LocalDbFixture;
import dev.localdb.support.TestPorts;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code localdb share} against an SSH relay in this process: what reaches the project through
 * the relay's port, and only that; host keys as ssh checks them; a relay that goes away and comes
 * back; the share's end with unshare or with the project.
 */
class SharesTests {

	@TempDir
	Path temp;

	LocalDbFixture localdb;

	Path ssh;

	KeyPair user;

	TestRelay relay;

	Shares shares;

	final List<ProjectName> started = new ArrayList<>();

	final ProjectName diary = ProjectName.of("diary");

	@BeforeEach
	void setUp() throws Exception {
		this.localdb = LocalDbFixture.create(this.temp.resolve("home"), TestPorts.ranges(5, 3, 2));
		this.ssh = Files.createDirectories(this.temp.resolve("ssh"));
		this.user = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
		writeKey(this.user, this.ssh.resolve("id_ecdsa"), null);
		this.relay = new TestRelay(this.user.getPublic()).start(this.temp.resolve("host-key"));
		this.shares = new Shares(this.localdb.catalog(), this.localdb.paths(), settings(this.relay.via()));
		start(this.diary);
	}

	@AfterEach
	void tearDown() throws IOException {
		this.shares.close();
		this.relay.close();
		this.localdb.stopServers(this.started);
	}

	@Test
	void aRequestToTheRelaysPortReachesTheProjectWithWhoAskedAndIsLogged() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		ShareStatus status = this.shares.open(request(this.diary, remote, null, true));

		assertThat(status.url()).isEqualTo("http://127.0.0.1:" + remote + "/");
		assertThat(status.state()).isEqualTo(ShareStatus.State.SHARING);
		// from another loopback address, as a client on the internet would come from its own
		Response response = get(remote, "/notes?x=1", "Host: public.example\r\n", "127.0.0.2");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("project=diary", "path=/notes?x=1", "x-forwarded-for=127.0.0.2",
				"x-forwarded-host=public.example", "x-forwarded-proto=http");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
				Files.readString(this.localdb.paths().serverLog(this.diary)))
			.contains("localdb share: GET /notes?x=1 200 127.0.0.2"));
	}

	@Test
	void followPrintsEachRequestUntilStopped() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		this.shares.open(request(this.diary, remote, null, true));
		List<String> lines = new CopyOnWriteArrayList<>();
		AtomicBoolean stop = new AtomicBoolean();
		Thread follower = new Thread(() -> this.shares.follow(this.diary, lines::add, stop::get));
		follower.start();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			get(remote, "/followed", "", null);
			assertThat(lines).contains("GET /followed 200 127.0.0.1");
		});
		stop.set(true);
		follower.join(5000);
		assertThat(follower.isAlive()).isFalse();
	}

	@Test
	void theSshAgentSignsWhenNoKeyFileCan() throws Exception {
		Path socket = this.temp.resolve("agent.sock");
		Process agent;
		try {
			agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			Assumptions.abort("no ssh-agent on this machine: " + ex.getMessage());
			return;
		}
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
			// the only key is in the agent: the file the agent got it from is gone
			Path file = this.ssh.resolve("id_ecdsa");
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			ProcessBuilder add = new ProcessBuilder("ssh-add", file.toString()).redirectErrorStream(true);
			add.environment().put("SSH_AUTH_SOCK", socket.toString());
			Process added = add.start();
			String said = new String(added.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(added.waitFor()).as(said).isZero();
			Files.delete(file);
			int remote = TestPorts.freeBlock(1).low();

			this.shares.open(new ShareRequest(this.diary, null, remote, null, null, true, false, socket));

			assertThat(get(remote, "/", "", null).body()).contains("project=diary");
		}
		finally {
			agent.destroy();
			agent.waitFor();
		}
	}

	@Test
	void nothingButTheSharedProjectIsReachableThroughIt() throws Exception {
		ProjectName other = ProjectName.of("other");
		int otherPort = start(other);
		int remote = TestPorts.freeBlock(1).low();
		this.shares.open(request(this.diary, remote, null, true));

		// another project's address, as Host and as an absolute URI, and the web port's paths: still diary
		assertThat(get(remote, "/", "Host: 127.0.0.1:" + otherPort + "\r\n", null).body()).contains("project=diary");
		assertThat(raw(remote, "GET http://127.0.0.1:" + otherPort + "/secret HTTP/1.1\r\nHost: 127.0.0.1:" + otherPort
				+ "\r\nConnection: close\r\n\r\n", null).body()).contains("project=diary", "path=/secret");
		assertThat(get(remote, "/actuator/ports", "", null).body()).contains("project=diary", "path=/actuator/ports");
		assertThat(get(remote, "/dashboard/events", "", null).body()).contains("project=diary");
	}

	@Test
	void basicAuthenticationIsAskedOfSharedTrafficAndNotPassedOn() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		ShareRequest request = new ShareRequest(this.diary, null, remote, null, "demo:s3cret", true, false, null);
		this.shares.open(request);

		Response refused = get(remote, "/", "", null);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.head()).contains("WWW-Authenticate: Basic realm=\"localdb share diary\"");
		assertThat(get(remote, "/", basic("demo:wrong"), null).status()).isEqualTo(401);

		Response allowed = get(remote, "/", basic("demo:s3cret"), null);
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.body()).contains("project=diary").doesNotContain("authorization");
	}

	@Test
	void anUnknownHostKeyIsRefusedWithItsFingerprintThenAcceptedAndAChangedOneAlwaysRefused() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		assertThatThrownBy(() -> this.shares.open(request(this.diary, remote, null, false)))
			.isInstanceOf(LocalDbException.class)
			.hasMessageContaining("is not in " + this.ssh.resolve("known_hosts"))
			.hasMessageMatching(".*host key is SHA256:[A-Za-z0-9+/]{43}\\. .*--accept-new-host\\.")
			.satisfies(ex -> assertThat(((LocalDbException) ex).failure()).isEqualTo(Failure.SHARE_FAILED));
		assertThat(this.shares.all()).isEmpty();
		assertNothingListens(remote);

		this.shares.open(request(this.diary, remote, null, true));
		assertThat(Files.readString(this.ssh.resolve("known_hosts"))).contains("[127.0.0.1]:" + this.relay.port());
		this.shares.close(this.diary);

		// the relay comes back with another key: refused, even with --accept-new-host
		this.relay.stop();
		this.relay.start(this.temp.resolve("another-host-key"));
		assertThatThrownBy(() -> this.shares.open(request(this.diary, remote, null, true)))
			.hasMessageContaining("has CHANGED (now ecdsa-sha2-nistp521 SHA256:")
			.hasMessageContaining("ssh-keygen -R \"[127.0.0.1]:" + this.relay.port() + "\"");
		assertNothingListens(remote);
	}

	@Test
	void aShareComesBackByItselfWhenTheRelayReturns() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		this.shares.open(request(this.diary, remote, null, true));

		this.relay.stop();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.shares.status(this.diary).orElseThrow().state() == ShareStatus.State.RECONNECTING);
		this.relay.start(this.temp.resolve("host-key"));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.shares.status(this.diary).orElseThrow().state() == ShareStatus.State.SHARING);
		assertThat(get(remote, "/", "", null).body()).contains("project=diary");
	}

	@Test
	void aPortTheRelayPicksIsInTheUrlAndAskedForAgainAfterADrop() throws Exception {
		ShareStatus status = this.shares.open(request(this.diary, 0, null, true));
		int picked = this.shares.remotePort(this.diary);
		assertThat(picked).isPositive();
		assertThat(status.url()).isEqualTo("http://127.0.0.1:" + picked + "/");

		this.relay.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.shares.remotePort(this.diary) == -1);
		this.relay.start(this.temp.resolve("host-key"));

		await().atMost(Duration.ofSeconds(20)).until(() -> this.shares.remotePort(this.diary) == picked);
		assertThat(get(picked, "/", "", null).body()).contains("project=diary");
	}

	@Test
	void unshareClosesTheRelaysPort() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		this.shares.open(request(this.diary, remote, null, true));
		assertThat(get(remote, "/", "", null).status()).isEqualTo(200);

		assertThat(this.shares.close(this.diary)).isTrue();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertNothingListens(remote));
		assertThat(this.shares.status(this.diary)).isEmpty();
		assertThat(this.shares.close(this.diary)).isFalse();
	}

	@Test
	void stoppingTheProjectClosesItsShare() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		this.shares.open(request(this.diary, remote, null, true));

		this.localdb.projects().stop(this.diary);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.shares.status(this.diary).isEmpty());
		// the relay closes its port once it has handled the cancel, a moment after the share is gone
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertNothingListens(remote));
	}

	@Test
	void aKeptShareIsRememberedPrivatelyAndResumedByTheNextDaemonOnceTheRelayAnswers() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		ShareRequest kept = new ShareRequest(this.diary, null, remote, null, "demo:s3cret", true, true, null);
		this.shares.open(kept);
		Path file = this.localdb.paths().studioDir(this.diary).resolve("share.json");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

		// the daemon ends (its shares close, the kept one stays remembered) and the next one starts
		// while the relay is away: it keeps trying until the relay is back
		this.shares.close();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertNothingListens(remote));
		this.relay.stop();
		this.shares = new Shares(this.localdb.catalog(), this.localdb.paths(), settings(this.relay.via()));
		this.shares.resumeKept();
		assertThat(this.shares.status(this.diary)).isEmpty();
		this.relay.start(this.temp.resolve("host-key"));

		await().atMost(Duration.ofSeconds(15)).until(() -> this.shares.status(this.diary).isPresent());
		assertThat(get(remote, "/", basic("demo:s3cret"), null).body()).contains("project=diary");
		this.shares.close(this.diary);
		assertThat(file).doesNotExist();
	}

	@Test
	void badInputAndUnreachableRelaysAreOneClearLineAndLeaveNothingOpen() throws Exception {
		int remote = TestPorts.freeBlock(1).low();
		assertThatThrownBy(() -> new ShareRequest(this.diary, "http://example.com", null, null, null, false, false, null))
			.hasMessage("--via takes ssh://[user@]host[:port], e.g. ssh://me@relay.example.com:2222, not 'http://example.com'.");
		assertThatThrownBy(() -> new ShareRequest(this.diary, null, null, null, "nocolon", false, false, null))
			.hasMessageStartingWith("--auth takes USER:PASSWORD");
		assertThatThrownBy(() -> this.shares.open(new ShareRequest(this.diary, null, remote, this.temp.resolve("missing"), null,
				true, false, null)))
			.hasMessageStartingWith("Cannot read the identity file " + this.temp.resolve("missing"));
		assertThatThrownBy(() -> this.shares.open(request(ProjectName.of("nothing"), remote, null, true)))
			.satisfies(ex -> assertThat(((LocalDbException) ex).failure()).isEqualTo(Failure.NOT_FOUND))
			.hasMessageContaining("localdb start nothing");
		int closed = TestPorts.freeBlock(1).low();
		assertThatThrownBy(() -> this.shares.open(request(this.diary, remote, "ssh://tester@127.0.0.1:" + closed, true)))
			.hasMessageStartingWith("Cannot reach the relay 127.0.0.1 on port " + closed);
		// a key the relay does not know
		writeKey(KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256), this.ssh.resolve("id_ecdsa"), null);
		assertThatThrownBy(() -> this.shares.open(request(this.diary, remote, null, true)))
			.hasMessageStartingWith("The relay " + this.relay.via() + " did not accept you");
		assertThat(this.shares.all()).isEmpty();
		assertNothingListens(remote);
	}

	@Test
	void aKeyWithAPassphraseAndNoAgentIsAnErrorNotAPrompt() throws Exception {
		writeKey(this.user, this.ssh.resolve("id_ecdsa"), "secret phrase");
		assertThatThrownBy(() -> this.shares.open(request(this.diary, TestPorts.freeBlock(1).low(), null, true)))
			.hasMessageContaining("needs its passphrase, and LocalDB never prompts for one: run 'ssh-add ");
	}

	private ShareRequest request(ProjectName project, int remote, String via, boolean acceptNewHost) {
		return new ShareRequest(project, via, remote, null, null, acceptNewHost, false, null);
	}

	private ShareProperties settings(String via) {
		return new ShareProperties(via, 80, this.ssh.toString(), Duration.ofSeconds(10), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofMillis(200));
	}

	private int start(ProjectName project) {
		this.started.add(project);
		return this.localdb.projects()
			.start(StartRequest.of(project).withCommand(EchoServer.command()).withInvocation(this.temp.toString(), null),
					StartProgress.NONE)
			.port();
	}

	private static void writeKey(KeyPair key, Path file, String passphrase) throws Exception {
		OpenSSHKeyEncryptionContext encryption = null;
		if (passphrase != null) {
			encryption = new OpenSSHKeyEncryptionContext();
			encryption.setPassword(passphrase);
			encryption.setCipherName("AES");
			encryption.setCipherType("256");
		}
		try (OutputStream out = Files.newOutputStream(file)) {
			OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
		}
	}

	private static String basic(String credentials) {
		return "Authorization: Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
				+ "\r\n";
	}

	private static void assertNothingListens(int port) {
		assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
	}

	record Response(int status, String head, String body) {
	}

	private static Response get(int port, String path, String headers, String from) throws IOException {
		return raw(port, "GET " + path + " HTTP/1.1\r\n" + (headers.contains("Host:") ? "" : "Host: 127.0.0.1\r\n") + headers
				+ "Connection: close\r\n\r\n", from);
	}

	private static Response raw(int port, String request, String from) throws IOException {
		try (Socket socket = new Socket()) {
			if (from != null) {
				socket.bind(new InetSocketAddress(from, 0));
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			InputStream in = socket.getInputStream();
			String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int split = all.indexOf("\r\n\r\n");
			String head = split < 0 ? all : all.substring(0, split);
			String body = split < 0 ? "" : all.substring(split + 4);
			return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
		}
	}

}
