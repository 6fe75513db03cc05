package dev.localdb.proxy;

import java.net.InetSocketAddress;
import java.util.OptionalInt;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;

import dev.localdb.os.SocketOwners;

/**
 * Which Unix user opened a connection to the front, read from the kernel once per connection (a
 * keep-alive connection's requests all come from the socket that opened it) and kept on the
 * connection itself, so a closed connection and a new one that reuses its address are never confused.
 */
final class ConnectionOwners {

	private static final AttachmentKey<OptionalInt> UID = AttachmentKey.create(OptionalInt.class);

	private final SocketOwners owners;

	private final OptionalInt ownUid;

	ConnectionOwners(SocketOwners owners, OptionalInt ownUid) {
		this.owners = owners;
		this.ownUid = ownUid;
	}

	/** Whether the answer is at hand without reading the kernel's table (which blocks). */
	boolean known(HttpServerExchange exchange) {
		return exchange.getConnection().getAttachment(UID) != null;
	}

	OptionalInt uidOf(HttpServerExchange exchange) {
		ServerConnection connection = exchange.getConnection();
		OptionalInt known = connection.getAttachment(UID);
		if (known != null) {
			return known;
		}
		InetSocketAddress peer = connection.getPeerAddress(InetSocketAddress.class);
		InetSocketAddress local = connection.getLocalAddress(InetSocketAddress.class);
		OptionalInt uid = peer == null || local == null ? OptionalInt.empty() : this.owners.uidOf(peer, local);
		connection.putAttachment(UID, uid);
		return uid;
	}

	/** Another user of the machine, as far as the kernel says (unknown is not a stranger: see OwnerGuard). */
	boolean stranger(OptionalInt uid) {
		return uid.isPresent() && this.ownUid.isPresent() && uid.getAsInt() != this.ownUid.getAsInt();
	}

	/** The daemon's own user, as the kernel says. */
	boolean owner(OptionalInt uid) {
		return uid.isPresent() && this.ownUid.isPresent() && uid.getAsInt() == this.ownUid.getAsInt();
	}

}
