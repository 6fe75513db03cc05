package dev.localdb.share;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The keys a share signs in with, found as ssh finds them: {@code --identity FILE}, else
 * {@code id_ed25519}, {@code id_ecdsa} and {@code id_rsa} in the SSH directory. A key protected by
 * a passphrase is never prompted for (the daemon has no terminal): the agent may hold it, and
 * without an agent it is an error that says so.
 */
final class SshKeys {

	static final List<String> DEFAULT_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

	private SshKeys() {
	}

	/** @param hasAgent whether an agent will be asked too, so a protected key is skipped rather than refused */
	static List<KeyPair> load(Path sshDirectory, Path identity, boolean hasAgent) {
		List<Path> files = new ArrayList<>();
		if (identity != null) {
			if (!Files.isRegularFile(identity) || !Files.isReadable(identity)) {
				throw new LocalDbException(Failure.USAGE, "Cannot read the identity file " + identity
						+ ": give a private key file you can read, e.g. --identity ~/.ssh/id_ed25519.");
			}
			files.add(identity);
		}
		else {
			DEFAULT_FILES.stream().map(sshDirectory::resolve).filter(Files::isReadable).forEach(files::add);
		}
		List<KeyPair> keys = new ArrayList<>();
		List<Path> protectedKeys = new ArrayList<>();
		for (Path file : files) {
			try (InputStream in = Files.newInputStream(file)) {
				Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()),
						in, NO_PROMPT);
				if (pairs != null) {
					pairs.forEach(keys::add);
				}
			}
			catch (PassphraseNeeded ex) {
				protectedKeys.add(file);
			}
			catch (IOException | GeneralSecurityException | RuntimeException ex) {
				throw new LocalDbException(Failure.USAGE, "Cannot read the SSH key " + file + " (" + ex.getMessage()
						+ "): give an OpenSSH private key with --identity FILE.", ex);
			}
		}
		if (!protectedKeys.isEmpty() && !hasAgent && (identity != null || keys.isEmpty())) {
			throw new LocalDbException(Failure.SHARE_FAILED, "The key " + protectedKeys.get(0)
					+ " needs its passphrase, and LocalDB never prompts for one: run 'ssh-add " + protectedKeys.get(0)
					+ "' in a shell with an SSH agent (SSH_AUTH_SOCK) and share from there, or give a key without a passphrase with --identity.");
		}
		return keys;
	}

	/** Asked for a passphrase: there is none to give, and no one to ask. */
	private static final FilePasswordProvider NO_PROMPT = (session, resource, retry) -> {
		throw new PassphraseNeeded();
	};

	private static final class PassphraseNeeded extends IOException {

		PassphraseNeeded() {
			super("passphrase needed");
		}

	}

}
