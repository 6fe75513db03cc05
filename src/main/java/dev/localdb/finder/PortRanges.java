package dev.localdb.finder;

import java.util.List;

/** The seed's three ranges, searched in this order. */
public record PortRanges(PortRange defaultRange, PortRange fallbackRange, PortRange extendedRange) {

	public PortRanges {
		if (defaultRange == null || fallbackRange == null || extendedRange == null) {
			throw new IllegalArgumentException("all three port ranges are required");
		}
	}

	public static PortRanges seedDefaults() {
		return new PortRanges(new PortRange(3000, 3999), new PortRange(4000, 4999), new PortRange(5000, 9999));
	}

	public List<PortRange> inOrder() {
		return List.of(this.defaultRange, this.fallbackRange, this.extendedRange);
	}

}
