package dev.localdb.finder;

import java.util.List;

/** The seed's three ranges, searched in this order. */
public record PortRanges(PortRange defaultRange, PortRange fallbackRange, PortRange extendedRange) {

	public PortRanges {
		if (defaultRange == null || fallbackRange == null || extendedRange == null) {
			throw new IllegalArgumentException("all three port ranges are required");
		}
	}

	public List<PortRange> inOrder() {
		return List.of(this.defaultRange, this.fallbackRange, this.extendedRange);
	}

}
