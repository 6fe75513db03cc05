package dev.localdb.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.registry.ProjectName;
import dev.localdb.support.ForeignListener;
import dev.localdb.support.LocalDbFixture;

/**
 * How long finding and reserving a port takes when 0, 100 and 1000 ports of the default range are
 * held by foreign listeners, next to a naive one-port-at-a-time bind scan, in one run. Not a test:
 * it prints numbers. Run with {@code bench/finder.sh}.
 */
public final class FinderBenchmark {

	private static final int RUNS = 41;

	private FinderBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		PortRanges ranges = new PortRanges(PortRange.parse(arg(args, 0, "3000-3999")),
				PortRange.parse(arg(args, 1, "4000-4999")), PortRange.parse(arg(args, 2, "5000-9999")));
		int low = ranges.defaultRange().low();
		System.out.printf("Default range %s, %d runs per case, medians and 90th percentiles; times in ms%n%n", ranges.defaultRange(), RUNS);
		System.out.printf("| foreign listeners | LocalDB find+reserve | LocalDB p90 | naive bind scan | naive / LocalDB |%n");
		System.out.printf("|---|---|---|---|---|%n");
		for (int held : new int[] { 0, 100, 1000 }) {
			List<ForeignListener> listeners = new ArrayList<>();
			for (int port = low; port < low + held && port <= ranges.defaultRange().high(); port++) {
				listeners.add(ForeignListener.on("0.0.0.0", port));
			}
			Path home = Files.createTempDirectory("localdb-bench");
			LocalDbFixture localdb = LocalDbFixture.create(home, ranges);
			ProjectName project = ProjectName.of("bench");
			double[] ours = new double[RUNS];
			double[] naive = new double[RUNS];
			for (int run = 0; run < RUNS + 5; run++) {
				long start = System.nanoTime();
				localdb.scanner().allocate(project, null, localdb.processes().self());
				long middle = System.nanoTime();
				localdb.registry().release(project);
				long naiveStart = System.nanoTime();
				naiveScan(low);
				long end = System.nanoTime();
				if (run >= 5) { // the first runs warm the JIT up
					ours[run - 5] = (middle - start) / 1e6;
					naive[run - 5] = (end - naiveStart) / 1e6;
				}
			}
			double oursMedian = median(ours);
			double naiveMedian = median(naive);
			System.out.printf("| %d | %.2f | %.2f | %.2f | %.1fx |%n", listeners.size(), oursMedian, percentile(ours, 90),
					naiveMedian, naiveMedian / oursMedian);
			for (ForeignListener listener : listeners) {
				listener.close();
			}
		}
	}

	/** What get-port-style finders do: bind each port in turn until one works. */
	private static int naiveScan(int from) {
		for (int port = from; port <= 65535; port++) {
			try (ServerSocketChannel channel = ServerSocketChannel.open()) {
				channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
				channel.bind(new InetSocketAddress("0.0.0.0", port));
				return port;
			}
			catch (IOException ex) {
				// busy: next
			}
		}
		return -1;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static double percentile(double[] values, int percent) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.ceil(percent / 100.0 * sorted.length) - 1];
	}

	private static String arg(String[] args, int index, String fallback) {
		return args.length > index ? args[index] : fallback;
	}

}
