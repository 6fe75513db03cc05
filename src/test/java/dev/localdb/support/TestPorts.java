package dev.localdb.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.localdb.finder.PortRange;
import dev.localdb.finder.PortRanges;
import dev.localdb.os.PortProbe;

/**
 * Port ranges for tests: blocks of free ports between 20000 and 31999, never the seed's default
 * ranges (3000-9999) and below the kernel's ephemeral range.
 */
public final class TestPorts {

	private static final int LOW = 20000;

	private static final int HIGH = 31999;

	private static final AtomicInteger NEXT = new AtomicInteger(
			LOW + (int) (ProcessHandle.current().pid() % 40) * 250);

	private static final PortProbe PROBE = new PortProbe();

	private TestPorts() {
	}

	/** A range of {@code size} consecutive ports that are free now. */
	public static synchronized PortRange freeBlock(int size) {
		for (int attempts = 0; attempts < 400; attempts++) {
			int low = NEXT.getAndAdd(size);
			if (low + size - 1 > HIGH) {
				NEXT.set(LOW);
				continue;
			}
			boolean allFree = true;
			for (int port = low; port < low + size && allFree; port++) {
				allFree = PROBE.isFree(port);
			}
			if (allFree) {
				return new PortRange(low, low + size - 1);
			}
		}
		throw new IllegalStateException("No block of " + size + " free ports within " + LOW + "-" + HIGH);
	}

	/** Three adjacent ranges (default, fallback, extended) of the given sizes. */
	public static PortRanges ranges(int defaultSize, int fallbackSize, int extendedSize) {
		PortRange all = freeBlock(defaultSize + fallbackSize + extendedSize);
		int low = all.low();
		return new PortRanges(new PortRange(low, low + defaultSize - 1),
				new PortRange(low + defaultSize, low + defaultSize + fallbackSize - 1),
				new PortRange(low + defaultSize + fallbackSize, all.high()));
	}

	/** The {@code -D} options that give a LocalDB process these ranges. */
	public static List<String> systemProperties(PortRanges ranges) {
		return List.of("-Dlocaldb.ports.default-range=" + ranges.defaultRange(),
				"-Dlocaldb.ports.fallback-range=" + ranges.fallbackRange(),
				"-Dlocaldb.ports.extended-range=" + ranges.extendedRange());
	}

}
