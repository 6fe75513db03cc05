package dev.localdb.finder;

import java.util.BitSet;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.ports}: the seed's three ranges, searched in this order. Each is written
 * {@code LO-HI}.
 *
 * @param defaultRange the range searched first, LO-HI
 * @param fallbackRange the range searched when the default range is full
 * @param extendedRange the range searched when the machine is very busy
 * @param excluded ports the finder never hands out, besides those browsers refuse (e.g. 8080, 9000-9010)
 */
@ConfigurationProperties("localdb.ports")
public record PortRanges(@DefaultValue("3000-3999") PortRange defaultRange,
		@DefaultValue("4000-4999") PortRange fallbackRange, @DefaultValue("5000-9999") PortRange extendedRange,
		List<String> excluded) {

	@ConstructorBinding
	public PortRanges {
		require(defaultRange, "localdb.ports.default-range", "3000-3999");
		require(fallbackRange, "localdb.ports.fallback-range", "4000-4999");
		require(extendedRange, "localdb.ports.extended-range", "5000-9999");
		excluded = excluded == null ? List.of() : List.copyOf(excluded);
		for (String entry : excluded) {
			try {
				PortRange.parsePortOrRange(entry);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("localdb.ports.excluded: " + ex.getMessage() + " (or one port, e.g. 8080)");
			}
		}
	}

	public PortRanges(PortRange defaultRange, PortRange fallbackRange, PortRange extendedRange) {
		this(defaultRange, fallbackRange, extendedRange, List.of());
	}

	/** Ports never handed out: those browsers refuse, and the excluded ones. */
	BitSet neverHandedOut() {
		BitSet never = BrowserPorts.unsafe();
		for (String entry : this.excluded) {
			PortRange range = PortRange.parsePortOrRange(entry);
			never.set(range.low(), range.high() + 1);
		}
		return never;
	}

	/** The ranges in the order the finder searches them. */
	public List<PortRange> inOrder() {
		return List.of(this.defaultRange, this.fallbackRange, this.extendedRange);
	}

	/** The ranges that share a port with {@code low-high} (the kernel's ephemeral range, say). */
	public List<PortRange> overlapping(int low, int high) {
		return inOrder().stream().filter(range -> range.low() <= high && range.high() >= low).toList();
	}

	private static void require(PortRange range, String setting, String example) {
		if (range == null) {
			throw new IllegalArgumentException(setting + " is not set: expected LO-HI, e.g. " + example);
		}
	}

}
