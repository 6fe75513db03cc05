package dev.localdb.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.localdb.cleanup.AllocationReport;
import dev.localdb.cleanup.RegistryReport;

/** The seed's "View Port Status" layout, line for line; times in the local time zone. */
final class PortsReport {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a", Locale.US);

	private PortsReport() {
	}

	static List<String> lines(RegistryReport report, ZoneId zone) {
		List<AllocationReport> allocations = report.allocations();
		List<String> lines = new ArrayList<>();
		lines.add("📊 LocalDB Port Registry Status");
		lines.add("");
		lines.add("  Total allocations: " + allocations.size());
		lines.add("");
		if (!allocations.isEmpty()) {
			// the seed's 20 columns for the name, wider when a name needs it
			int width = Math.max(20, allocations.stream().mapToInt(a -> a.entry().toString().length() + 1).max().orElse(0));
			lines.add(row(width, "Project", "Port", "Allocated At", "PID"));
			lines.add("  " + "─".repeat(width + 41));
			for (AllocationReport allocation : allocations) {
				// an instance of a cluster is api#2, a named port api:debug
				lines.add(row(width, allocation.entry().toString(), Integer.toString(allocation.port()),
						format(allocation.allocatedAt(), zone),
						allocation.pid() + (allocation.alive() ? "" : "  (stale: --cleanup removes it)")));
			}
			lines.add("");
		}
		lines.add("  Last cleanup: " + report.lastCleanup().map(at -> format(at, zone)).orElse("never"));
		lines.add("");
		lines.add("  Run with --cleanup to remove stale allocations");
		return lines;
	}

	static String format(Instant instant, ZoneId zone) {
		return TIME.format(instant.atZone(zone));
	}

	private static String row(int width, String project, String port, String allocatedAt, String pid) {
		return String.format("  %-" + width + "s %-7s %-25s %s", project, port, allocatedAt, pid);
	}

}
