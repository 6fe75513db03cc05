package dev.localdb.finder;

import java.util.List;
import java.util.stream.Collectors;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** Every configured range is full. */
class NoFreePortException extends LocalDbException {

	NoFreePortException(List<PortRange> searched, int allocatedByLocalDb) {
		super(Failure.NO_FREE_PORT, "No free port in " + searched.stream().map(PortRange::toString)
			.collect(Collectors.joining(", ")) + " (" + allocatedByLocalDb
				+ " held by LocalDB projects, the rest by other programs). Free some: run 'localdb ports --cleanup' to drop "
				+ "stale allocations, stop projects you do not use ('localdb list', then 'localdb stop <project>'), "
				+ "or widen localdb.ports.extended-range.");
	}

}
