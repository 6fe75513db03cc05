package dev.localdb.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.localdb.doctor.Diagnosis;
import dev.localdb.doctor.Doctor;

/**
 * The dashboard at {@code /}: one page, everything in the jar (no CDN, no build step), and what it
 * reads besides its event streams. Who may load it is decided before it is reached (the web
 * package: the daemon's own user, with the token {@code localdb dashboard} hands over).
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardPage {

	private final DashboardSnapshots snapshots;

	private final Doctor doctor;

	private final String page;

	DashboardPage(DashboardSnapshots snapshots, Doctor doctor) throws IOException {
		this.snapshots = snapshots;
		this.doctor = doctor;
		try (InputStream in = DashboardPage.class.getResourceAsStream("/dashboard/index.html")) {
			this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String page() {
		return this.page;
	}

	@GetMapping(path = "/dashboard/state", produces = MediaType.APPLICATION_JSON_VALUE)
	DashboardState state() {
		return this.snapshots.take();
	}

	/** doctor's findings, for the dashboard's panel (the page asks every 10 s). */
	@GetMapping(path = "/dashboard/doctor", produces = MediaType.APPLICATION_JSON_VALUE)
	Diagnosis doctor() {
		return this.doctor.examine();
	}

}
