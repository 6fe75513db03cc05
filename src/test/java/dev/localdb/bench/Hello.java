package dev.localdb.bench;

/** The floor: a JVM that starts and prints one line. */
public final class Hello {

	private Hello() {
	}

	public static void main(String[] args) {
		System.out.println("hello");
	}

}
