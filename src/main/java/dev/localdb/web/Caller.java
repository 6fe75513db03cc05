package dev.localdb.web;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who sent the web request being answered: the daemon's own user, or another user of the machine
 * (who reaches only what names no project). Outside a web request it is the owner (the shell).
 */
public final class Caller {

	static final String OWNER = Caller.class.getName() + ".owner";

	/** The header in which the web port's front says which user opened the connection it forwards. */
	public static final String PEER_UID = "X-LocalDB-Peer-Uid";

	private Caller() {
	}

	public static boolean isOwner() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return true;
		}
		return Boolean.TRUE.equals(request.getAttribute(OWNER, RequestAttributes.SCOPE_REQUEST));
	}

}
