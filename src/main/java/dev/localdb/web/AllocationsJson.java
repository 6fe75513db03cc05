package dev.localdb.web;

import java.util.Optional;

/**
 * What {@code GET /actuator/ports} answers now, the bytes the actuator writes: the web port's front
 * sends them itself to its own user's plain requests, without the hop to the servlet server.
 */
public interface AllocationsJson {

	/** The answer, rendered once per registry state (it may remake the report: not on an I/O thread). */
	byte[] json();

	/** The answer when it is at hand as rendered (a look at the registry file's attributes, no more). */
	Optional<byte[]> ready();

}
