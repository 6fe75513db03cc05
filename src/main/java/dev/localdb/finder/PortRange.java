package dev.localdb.finder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An inclusive range of TCP ports, written {@code LO-HI} in settings. */
public record PortRange(int low, int high) {

	private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

	public PortRange {
		if (low < 1 || high > 65535) {
			throw new IllegalArgumentException("ports must be within 1-65535, got " + low + "-" + high);
		}
		if (low > high) {
			throw new IllegalArgumentException("the low end " + low + " is above the high end " + high);
		}
	}

	/** Parses {@code LO-HI}; the message of the exception says what is wrong with the text. */
	public static PortRange parse(String text) {
		Matcher matcher = FORMAT.matcher(text == null ? "" : text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + text + "' is not a range; write LO-HI, e.g. 3000-3999");
		}
		return new PortRange(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
	}

	/** {@code LO-HI}, or {@code N} for one port (the excluded ports: {@code 8080, 9000-9010}). */
	static PortRange parsePortOrRange(String text) {
		String trimmed = text == null ? "" : text.strip();
		if (trimmed.matches("\\d{1,5}")) {
			int port = Integer.parseInt(trimmed);
			return new PortRange(port, port);
		}
		return parse(trimmed);
	}

	/** For configuration binding: {@code localdb.ports.*-range: 3000-3999}. */
	public static PortRange valueOf(String text) {
		return parse(text);
	}

	@Override
	public String toString() {
		return this.low + "-" + this.high;
	}

}
