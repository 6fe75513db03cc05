package dev.localdb.dashboard;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's server-sent events: the state of everything, pushed within a tick of any change
 * made anywhere (CLI, shell, another tab, a crash), and a project's log as it grows.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardEvents {

	private final StateFeed state;

	private final LogFeed logs;

	DashboardEvents(StateFeed state, LogFeed logs) {
		this.state = state;
		this.logs = logs;
	}

	/** How many streams are open, of how many allowed: the page warns before a cap refuses it. */
	record Streams(int pages, int maxPages, int logs, int maxLogs) {
	}

	@GetMapping(path = "/dashboard/streams", produces = MediaType.APPLICATION_JSON_VALUE)
	Streams streams() {
		return new Streams(this.state.streams(), this.state.max(), this.logs.streams(), this.logs.max());
	}

	@GetMapping(path = "/dashboard/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() throws IOException {
		return this.state.open();
	}

	/** A project's log: the current run's last lines, then what it writes, until the page goes. */
	@GetMapping(path = "/dashboard/projects/{project}/log", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter log(HttpServletRequest request) {
		return this.logs.follow(ProjectSegment.of(request));
	}

}
