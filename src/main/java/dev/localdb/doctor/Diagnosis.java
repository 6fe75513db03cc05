package dev.localdb.doctor;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Everything {@code doctor} found; healthy when nothing needs attention. */
public record Diagnosis(List<Finding> findings) {

	public Diagnosis {
		findings = List.copyOf(findings);
	}

	@JsonProperty("healthy")
	public boolean healthy() {
		return attention() == 0;
	}

	@JsonProperty("attention")
	public long attention() {
		return this.findings.stream().filter(finding -> finding.severity() == Finding.Severity.ATTENTION).count();
	}

}
