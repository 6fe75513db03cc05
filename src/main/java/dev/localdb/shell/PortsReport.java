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
			lines.add(row("Project", "Port", "Allocated At", "PID"));
			lines.add("  " + "─".repeat(61));
			for (AllocationReport allocation : allocations) {
				lines.add(row(allocation.project().value(), Integer.toString(allocation.port()),
						format(allocation.allocatedAt(), zone), Long.toString(allocation.pid())));
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

	private static String row(String project, String port, String allocatedAt, String pid) {
		return String.format("  %-20s %-7s %-25s %s", project, port, allocatedAt, pid);
	}

}
