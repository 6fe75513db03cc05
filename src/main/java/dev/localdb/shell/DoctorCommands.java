package dev.localdb.shell;

import java.io.PrintWriter;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.localdb.doctor.Diagnosis;
import dev.localdb.doctor.Doctor;
import dev.localdb.doctor.Finding;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/** {@code doctor}: the registry compared with reality, and what to do about each finding. */
@Component
class DoctorCommands {

	private final Doctor doctor;

	private final JsonMapper json;

	DoctorCommands(Doctor doctor, JsonMapper json) {
		this.doctor = doctor;
		this.json = json;
	}

	@Command(name = "doctor", group = "Ports",
			description = "Compare the registry with reality and say what to do (e.g. 'doctor', 'doctor --json')",
			help = """
					doctor [--json]
					  Checks the daemon; port ranges that overlap the kernel's ephemeral ports; every
					  allocation (stale, its server not listening, its port held by another process);
					  listeners in the managed ranges LocalDB did not allocate, with their process; links
					  and loose modes in the runtime tree. Says what to do about each; changes nothing.
					  Exits 0 when all is well, 1 when something needs attention.
					Example: localdb doctor""")
	public void doctor(@Option(longName = "json", description = "print JSON") Boolean asJson, CommandContext context) {
		Diagnosis diagnosis = this.doctor.examine();
		PrintWriter out = context.outputWriter();
		if (Boolean.TRUE.equals(asJson)) {
			out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(diagnosis));
		}
		else {
			out.println(diagnosis.healthy() ? "LocalDB doctor: all is well"
					: "LocalDB doctor: " + diagnosis.attention() + " finding(s) need attention");
			out.println();
			diagnosis.findings().stream().map(Finding::describe).forEach(out::println);
		}
		out.flush();
		if (!diagnosis.healthy()) {
			throw new LocalDbException(Failure.NEEDS_ATTENTION,
					diagnosis.attention() + " finding(s) need attention; each says what to do.");
		}
	}

}
