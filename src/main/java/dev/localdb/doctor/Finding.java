package dev.localdb.doctor;

/**
 * One thing {@code doctor} found: how much it matters, what it is about, what is wrong, and what to
 * do about it.
 */
public record Finding(Severity severity, String subject, String message, String advice) {

	public enum Severity {

		/** Something is wrong: doctor exits 1. */
		ATTENTION,
		/** Worth knowing, nothing to do. */
		NOTE,
		/** All is well here. */
		OK

	}

	/** How the finding reads on a terminal. */
	public String describe() {
		String mark = switch (this.severity) {
			case ATTENTION -> "✗";
			case NOTE -> "!";
			case OK -> "✓";
		};
		return mark + " " + this.subject + ": " + this.message + (this.advice.isEmpty() ? "" : ". " + this.advice);
	}

}
