package dev.localdb.finder;

import java.util.BitSet;

/**
 * The ports browsers refuse to connect to ({@code ERR_UNSAFE_PORT}): the Fetch standard's "bad
 * port" list (https://fetch.spec.whatwg.org/#port-blocking), which Chromium and Firefox follow.
 * 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665-6669, 6679 and 6697 lie in LocalDB's default
 * ranges: a project there would start, and no browser would open it.
 */
final class BrowserPorts {

	private static final int[] UNSAFE = { 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79,
			87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427,
			465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995,
			1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697,
			10080 };

	private static final BitSet SET = new BitSet(65536);

	static {
		for (int port : UNSAFE) {
			SET.set(port);
		}
	}

	private BrowserPorts() {
	}

	static boolean isUnsafe(int port) {
		return port >= 0 && port < 65536 && SET.get(port);
	}

	/** A copy: callers add to it. */
	static BitSet unsafe() {
		return (BitSet) SET.clone();
	}

}
