package dev.localdb.registry;

/** What {@link RegistryService#reserve} did: reserved the port, or refused it and why. */
public sealed interface Reservation {

	record Reserved(Allocation allocation) implements Reservation {
	}

	record Refused(Reason reason, ProjectName holder) implements Reservation {
	}

	enum Reason {

		/** Another project holds the port in the registry. */
		ALLOCATED,
		/** Something outside LocalDB listens on it. */
		IN_USE,
		/** The OS does not let us bind it (EACCES). */
		FORBIDDEN

	}

}
