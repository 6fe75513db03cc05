package dev.localdb.os;

/**
 * A process as LocalDB recognises it later: its pid and a start token that differs for any
 * other process that gets the same pid after this one exits. A pid alone is not an identity;
 * pids are recycled.
 */
public record ProcessIdentity(long pid, String start) {

	public ProcessIdentity {
		if (pid <= 0) {
			throw new IllegalArgumentException("pid must be positive, was " + pid);
		}
		if (start == null || start.isBlank()) {
			throw new IllegalArgumentException("start token must not be blank");
		}
	}

}
