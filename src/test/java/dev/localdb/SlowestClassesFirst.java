package dev.localdb;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order test classes start in (junit-platform.properties): the slowest first, the rest by
 * name. With classes running side by side, a slow class that started last would run alone at the
 * end while the other worker idles. The list is what a full run measured (seconds per class, on
 * 2 cores); a class missing from it costs at most a few seconds of that balance.
 */
final class SlowestClassesFirst implements ClassOrderer {

	/** DaemonTests 127 s, OneShotCommandTests 55, RegistryCrashTests 36, DashboardBrowserTests 32, ... */
	private static final List<String> SLOWEST = List.of("DaemonTests", "OneShotCommandTests", "RegistryCrashTests",
			"DashboardBrowserTests", "ProjectServiceTests", "InteractiveSessionTests",
			"TopLevelOptionsThroughDaemonTests", "ConcurrentAllocationTests");

	@Override
	public void orderClasses(ClassOrdererContext context) {
		context.getClassDescriptors().sort(Comparator.comparingInt(SlowestClassesFirst::rank)
			.thenComparing(descriptor -> descriptor.getTestClass().getName()));
	}

	private static int rank(ClassDescriptor descriptor) {
		int index = SLOWEST.indexOf(descriptor.getTestClass().getSimpleName());
		return index >= 0 ? index : SLOWEST.size();
	}

}
