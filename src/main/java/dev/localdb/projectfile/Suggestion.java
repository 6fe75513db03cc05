package dev.localdb.projectfile;

import java.util.Collection;
import java.util.Comparator;

/** The valid word a mistyped one was probably meant to be, for a message. */
final class Suggestion {

	private Suggestion() {
	}

	/** " (did you mean 'command'?)" when a valid word is near, by edit distance. */
	static String nearest(String given, Collection<String> valid) {
		// a longer spelling of a key ('environment' for 'env') is near too
		return valid.stream()
			.min(Comparator.comparingInt(word -> given.startsWith(word) ? 0 : distance(given, word)))
			.filter(word -> given.startsWith(word) || distance(given, word) <= Math.max(2, word.length() / 3))
			.map(word -> " (did you mean '" + word + "'?)")
			.orElse("");
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
