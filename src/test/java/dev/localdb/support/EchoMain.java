package dev.localdb.support;

/** Stands in for LocalDB in the launcher's tests: prints its arguments. */
public final class EchoMain {

	private EchoMain() {
	}

	public static void main(String[] args) {
		System.out.println("args:" + String.join(",", args));
	}

}
