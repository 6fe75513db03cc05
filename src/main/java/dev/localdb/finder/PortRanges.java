package dev.localdb.finder;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code localdb.ports}: the seed's three ranges, searched in this order. Each is written
 * {@code LO-HI}.
 *
 * @param defaultRange the range searched first, LO-HI
 * @param fallbackRange the range searched when the default range is full
 * @param extendedRange the range searched when the machine is very busy
 */
@ConfigurationProperties("localdb.ports")
public record PortRanges(@DefaultValue("3000-3999") PortRange defaultRange,
		@DefaultValue("4000-4999") PortRange fallbackRange, @DefaultValue("5000-9999") PortRange extendedRange) {

	public PortRanges {
		require(defaultRange, "localdb.ports.default-range", "3000-3999");
		require(fallbackRange, "localdb.ports.fallback-range", "4000-4999");
		require(extendedRange, "localdb.ports.extended-range", "5000-9999");
	}

	List<PortRange> inOrder() {
		return List.of(this.defaultRange, this.fallbackRange, this.extendedRange);
	}

	private static void require(PortRange range, String setting, String example) {
		if (range == null) {
			throw new IllegalArgumentException(setting + " is not set: expected LO-HI, e.g. " + example);
		}
	}

}
