package dev.localdb.shell;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs one command, given as its words, for whom it was typed by (directory, environment, terminal,
 * stderr, cancel flag), and returns its exit status: what every surface calls.
 */
public interface CommandRunner {

	int execute(List<String> words, PrintWriter out, Invocation invocation);

}
