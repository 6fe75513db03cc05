package dev.localdb.wire;

import java.io.IOException;

/** The daemon accepted a connection but said nothing within the patience given (stopped, wedged). */
public final class NoAnswerException extends IOException {

	NoAnswerException(String message) {
		super(message);
	}

}
