package dev.localdb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The layout every feature moves into: packages by feature, no cycles, a leaf kernel, little public. */
class ArchitectureTests {

	static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.localdb");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.localdb.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void systemIsALeafThatImportsNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.localdb.system..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("dev.localdb.system..", "java..", "org.springframework..", "org.slf4j..")
			.check(MAIN);
	}

	@Test
	void osKnowsNothingOfLocalDbsFeatures() {
		noClasses().that()
			.resideInAPackage("dev.localdb.os..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.localdb.registry..", "dev.localdb.finder..", "dev.localdb.cleanup..",
					"dev.localdb.project..", "dev.localdb.shell..", "dev.localdb.endpoint..", "dev.localdb.studio..")
			.check(MAIN);
	}

	/** The client runs on a class path without Spring (./localdb's slim jar), and the wire is shared with it. */
	@Test
	void clientAndWireImportNothingFromSpring() {
		noClasses().that()
			.resideInAnyPackage("dev.localdb.client..", "dev.localdb.wire..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(MAIN);
	}

	/** What both processes share is the wire; the client itself is what ./localdb runs, and no feature's. */
	@Test
	void noFeatureDependsOnTheClient() {
		noClasses().that()
			.resideInAnyPackage("dev.localdb.daemon..", "dev.localdb.doctor..", "dev.localdb.dashboard..",
					"dev.localdb.shell..", "dev.localdb.wire..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.localdb.client..")
			.check(MAIN);
	}

	/**
	 * A ratchet: a type is public only when another package uses it. The public types today are
	 * the features' own interfaces (the registry's records and services, the project flows the
	 * shell calls, the os types every feature uses, the wire's messages and daemon identity that
	 * client and daemon share); a new one needs another package that uses it. 76: the registry's
	 * PortKey (an entry's name: api, api#2, api:debug), used by the finder, cleanup, health and projects,
	 * and proxy.ProjectProxy; 79 with share's Shares, ShareRequest and ShareStatus, which the shell,
	 * the actuator and the dashboard use; 80 with the project file's service that {@code up} and {@code down} call;
	 * 82 with registry.ProjectSource (the file that defines a project, read by the daemon's resume) and
	 * os.LoginService (where the login service's file is, for the client's install and doctor); 83 with
	 * web.AllocationsJson (the actuator's rendered allocations, which the web port's front sends itself); 84
	 * with health.HealthChecker, the one health check, also a rolling restart's wait for UP.
	 */
	@Test
	void typesArePublicOnlyWhereAnotherPackageNeedsThem() {
		long topLevel = MAIN.stream().filter(JavaClass::isTopLevelClass).count();
		long exposed = MAIN.stream()
			.filter(JavaClass::isTopLevelClass)
			.filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
			.count();
		assertThat(exposed).as("public top-level types of %d", topLevel).isLessThanOrEqualTo(84);
	}

}
