package dev.localdb.dashboard;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.localdb.cleanup.StaleAllocationCleaner;
import dev.localdb.project.ForgetResult;
import dev.localdb.project.ProjectService;
import dev.localdb.project.StartProgress;
import dev.localdb.project.StartRequest;
import dev.localdb.project.StartResult;
import dev.localdb.project.StopResult;
import dev.localdb.registry.ProjectName;
import dev.localdb.share.Shares;
import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * The dashboard's buttons: the same project flows as the CLI, and the cleanup. Their failures
 * answer with the status and message the CLI would print; who may press them is decided before
 * (the daemon's own user, with the token).
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardActions {

	private final ProjectService projects;

	private final StaleAllocationCleaner cleaner;

	private final StateFeed state;

	private final ObjectProvider<Shares> shares;

	DashboardActions(ProjectService projects, StaleAllocationCleaner cleaner, StateFeed state,
			ObjectProvider<Shares> shares) {
		this.projects = projects;
		this.cleaner = cleaner;
		this.state = state;
		this.shares = shares;
	}

	/** What a button did, in one sentence for the page. */
	record Done(String message) {
	}

	@PostMapping(path = "/dashboard/projects/{project}/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
	Done act(HttpServletRequest request, @PathVariable String action) {
		ProjectName name = ProjectSegment.of(request);
		Done done = switch (action) {
			case "start" -> started(this.projects.start(StartRequest.of(name), StartProgress.NONE),
					"started");
			case "restart" -> started(
					this.projects.restart(StartRequest.of(name), StartProgress.NONE), "restarted");
			case "stop" -> stopped(this.projects.stop(name));
			case "forget" -> forgotten(this.projects.forget(name));
			case "unshare" -> {
				Shares daemon = this.shares.getIfAvailable();
				if (daemon == null || !daemon.close(name)) {
					throw new LocalDbException(Failure.NOT_FOUND, name + " is not shared.");
				}
				yield new Done(name + " is no longer shared");
			}
			default -> throw new LocalDbException(Failure.USAGE,
					"Unknown action '" + action + "': use start, stop, restart, forget or unshare.");
		};
		this.state.push(false);
		return done;
	}

	@PostMapping(path = "/dashboard/cleanup", produces = MediaType.APPLICATION_JSON_VALUE)
	Done cleanup() {
		int cleaned = this.cleaner.cleanup().count();
		this.state.push(false);
		return new Done("Cleaned " + cleaned + " stale allocation(s)");
	}

	private static Done started(StartResult result, String verb) {
		String how = result.alreadyRunning() ? " was already running" : " " + verb;
		return new Done(result.project() + how + " on port " + result.port() + " (pid " + result.pid() + ")");
	}

	private static Done stopped(StopResult result) {
		return new Done(result.project() + " stopped (pid " + result.pid() + (result.killed() ? ", killed" : "")
				+ "); port " + result.port() + (result.portStillInUse() ? " is still held by another process"
						: " released"));
	}

	private static Done forgotten(ForgetResult result) {
		return new Done(result.project() + " forgotten" + result.stoppedPid()
			.map(pid -> " (its server, pid " + pid + ", stopped)")
			.orElse("") + ": its settings, logs and port released");
	}

}
