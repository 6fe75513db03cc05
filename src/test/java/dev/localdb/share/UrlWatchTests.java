package dev.localdb.share;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The public URL a relay prints in its session, told apart from the links of its banner. */
class UrlWatchTests {

	@Test
	void theUrlOnTheLineThatAnnouncesTheTunnelWinsOverTheBannersLinks() throws Exception {
		SshTunnel.UrlWatch watch = new SshTunnel.UrlWatch();
		print(watch, "Welcome to localhost.run!\r\n\r\nFollow your favourite reverse tunnel at [https://twitter.com/localhost_run].\r\n"
				+ "To explore using localhost.run visit the documentation site:\r\nhttps://localhost.run/docs/\r\n\r\n");
		print(watch, "3c5b1f1e2a.lhr.life tunneled with tls termination, https://3c5b1f1e2a.lhr.life\r\n");

		long before = System.nanoTime();
		assertThat(watch.await(Duration.ofSeconds(30))).isEqualTo("https://3c5b1f1e2a.lhr.life");
		assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void withoutAnAnnouncementTheLastHttpsUrlPrintedIsTaken() throws Exception {
		SshTunnel.UrlWatch watch = new SshTunnel.UrlWatch();
		print(watch, "http://abc.example.net\nYour URL: https://abc.example.net/ (share it)\n");

		assertThat(watch.await(Duration.ofMillis(100))).isEqualTo("https://abc.example.net/");
		assertThat(new SshTunnel.UrlWatch().await(Duration.ofMillis(10))).isNull();
	}

	private static void print(SshTunnel.UrlWatch watch, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		watch.write(bytes, 0, bytes.length);
	}

}
