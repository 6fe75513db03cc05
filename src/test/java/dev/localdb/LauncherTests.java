package dev.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.localdb.support.EchoMain;

/**
 * The {@code ./localdb} launcher, run for real on a copy of the checkout whose jar is a stand-in
 * (the suite runs before the real jar is packaged, and must not start a nested build).
 */
class LauncherTests {

	@TempDir
	Path checkout;

	@TempDir
	Path bin;

	Path jar;

	@BeforeEach
	void checkoutWithABuiltJar() throws IOException {
		Files.copy(Path.of("localdb"), this.checkout.resolve("localdb"));
		this.checkout.resolve("localdb").toFile().setExecutable(true);
		Files.createDirectories(this.checkout.resolve("src/main"));
		Files.writeString(this.checkout.resolve("pom.xml"), "<project/>");
		Files.writeString(this.checkout.resolve("application.yml"), "");
		// a build would be a bug here: the jar is newer than every source
		Files.writeString(this.checkout.resolve("mvnw"), "#!/bin/sh\necho 'mvnw must not run' >&2\nexit 99\n");
		this.checkout.resolve("mvnw").toFile().setExecutable(true);
		this.jar = Files.createDirectories(this.checkout.resolve("target")).resolve("localdb.jar");
		writeJar(this.jar, "one");
	}

	@Test
	void aSymlinkOnThePathRunsTheCheckoutItPointsTo() throws Exception {
		Path link = Files.createSymbolicLink(this.bin.resolve("localdb"), this.checkout.resolve("localdb"));
		Run run = run(link, Map.of("LOCALDB_FAST", "0"), "ports", "--json");
		assertThat(run.exit()).as(run.stderr()).isZero();
		assertThat(run.stdout()).isEqualTo("args:ports,--json\n");
	}

	@Test
	void theFastStartUpIsPreparedAgainForANewJarButNotForAnIdenticalOne() throws Exception {
		String version = Integer.toString(Runtime.version().feature());
		Path fast = Files.createDirectories(this.checkout.resolve("target/fast/app"));
		Files.copy(this.jar, fast.resolve("localdb.jar"));
		Files.writeString(fast.resolveSibling("jar-digest"), sha256(this.jar) + "\n");
		Files.writeString(fast.resolveSibling("java-version"), version + "\n");
		Path archive = fast.resolveSibling(Runtime.version().feature() >= 25 ? "app.aot" : "app.jsa");
		Files.writeString(archive, "");

		// the same bytes, built again later (./mvnw verify): no new preparation
		Files.setLastModifiedTime(this.jar, FileTime.from(Instant.now().plusSeconds(60)));
		Run same = run(this.checkout.resolve("localdb"), Map.of(), "list");
		assertThat(same.stderr()).doesNotContain("preparing fast start-up");
		assertThat(same.stdout()).isEqualTo("args:list\n");

		writeJar(this.jar, "two");
		Files.setLastModifiedTime(this.jar, FileTime.from(Instant.now().plusSeconds(120)));
		Run changed = run(this.checkout.resolve("localdb"), Map.of(), "list");
		assertThat(changed.stderr()).contains("preparing fast start-up");
		assertThat(changed.stdout()).isEqualTo("args:list\n");
	}

	private Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(launcher.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.bin.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().putAll(env);
		Process process = builder.start();
		CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
		String out = read(process.getInputStream());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), out, err.get());
	}

	private static String read(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** A runnable jar of {@link EchoMain}; {@code flavour} changes its content. */
	private static void writeJar(Path jar, String flavour) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoMain.class.getName());
		String entry = EchoMain.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
				InputStream classFile = EchoMain.class.getClassLoader().getResourceAsStream(entry)) {
			out.putNextEntry(new JarEntry(entry));
			classFile.transferTo(out);
			out.putNextEntry(new JarEntry("flavour.txt"));
			out.write(flavour.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String sha256(Path file) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
		return HexFormat.of().formatHex(digest);
	}

	record Run(int exit, String stdout, String stderr) {
	}

}
