package dev.localdb.support;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** The messages of a failed start-up, outermost first, as one text. */
public final class SettingsFailure {

	private SettingsFailure() {
	}

	public static String messages(AssertableApplicationContext context) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
