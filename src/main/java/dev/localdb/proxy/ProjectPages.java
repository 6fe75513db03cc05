package dev.localdb.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import dev.localdb.project.ProjectCatalog;
import dev.localdb.project.ProjectStatus;
import dev.localdb.registry.ProjectName;
import dev.localdb.registry.RuntimePaths;
import dev.localdb.web.WebPort;

/**
 * What a name answers when no server of its project takes requests: 404 for a name LocalDB does not
 * know (with the running projects), 503 while it starts (a page that reloads itself), 502 when it is
 * down (its state, the end of its log, and a start button). JSON for clients that ask for it. Every
 * value is escaped: project names and log lines are not LocalDB's to trust.
 */
final class ProjectPages {

	/** The end of a log read for its last lines: enough for a stack trace's top, never a whole log. */
	private static final int TAIL_BYTES = 16 * 1024;

	static final String START_PATH = "/.localdb/start";

	private final ProjectCatalog catalog;

	private final RuntimePaths paths;

	private final IntSupplier webPort;

	private final int logLines;

	ProjectPages(ProjectCatalog catalog, RuntimePaths paths, IntSupplier webPort, int logLines) {
		this.catalog = catalog;
		this.paths = paths;
		this.webPort = webPort;
		this.logLines = logLines;
	}

	/**
	 * @param owner whether the caller is the daemon's own user (who may see other projects and logs)
	 * @param failure why a start just failed, or null
	 */
	void answer(HttpServerExchange exchange, ProjectName project, boolean owner, String failure) {
		Optional<ProjectStatus> status = this.catalog.status(project);
		if (status.isEmpty()) {
			List<ProjectName> running = owner ? this.catalog.list()
				.stream()
				.filter(p -> p.state() == ProjectStatus.State.RUNNING)
				.map(ProjectStatus::project)
				.toList() : List.of();
			notFound(exchange, project, running);
			return;
		}
		ProjectStatus.State state = status.get().state();
		if (failure == null && (state == ProjectStatus.State.STARTING || state == ProjectStatus.State.RUNNING)) {
			send(exchange, 503, json(exchange) ? "{\"project\":" + quote(project.value()) + ",\"state\":\"starting\"}"
					: page(project + " is starting", "<meta http-equiv=\"refresh\" content=\"1\">", "<p><b>"
							+ html(project.value()) + "</b> is starting; this page reloads itself until its server listens.</p>"));
			exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
			return;
		}
		List<String> log = owner ? lastLines(this.paths.serverLog(project)) : List.of();
		if (json(exchange)) {
			send(exchange, 502, "{\"project\":" + quote(project.value()) + ",\"state\":" + quote(state.label())
					+ (failure != null ? ",\"error\":" + quote(failure) : "") + ",\"log\":["
					+ String.join(",", log.stream().map(ProjectPages::quote).toList()) + "],\"start\":"
					+ quote("localdb start " + project) + "}");
			return;
		}
		StringBuilder body = new StringBuilder();
		body.append("<p><b>").append(html(project.value())).append("</b> is ").append(html(state.label()))
			.append(": no server of it takes requests.</p>");
		if (failure != null) {
			body.append("<p class=\"error\">").append(html(failure)).append("</p>");
		}
		if (owner) {
			body.append("<form method=\"post\" action=\"").append(START_PATH).append("\"><button>Start ")
				.append(html(project.value())).append("</button> or run <code>localdb start ").append(html(project.value()))
				.append("</code></form>");
			body.append(log.isEmpty() ? "<p>Its log is empty.</p>" : "<p>The end of its log:</p><pre>"
					+ html(String.join("\n", log)) + "</pre>");
		}
		send(exchange, 502, page(project + " is " + state.label(), "", body.toString()));
	}

	private void notFound(HttpServerExchange exchange, ProjectName project, List<ProjectName> running) {
		int port = this.webPort.getAsInt();
		if (json(exchange)) {
			send(exchange, 404, "{\"project\":" + quote(project.value()) + ",\"error\":"
					+ quote("LocalDB knows no project '" + project + "'") + ",\"start\":"
					+ quote("localdb start " + project) + ",\"running\":[" + String.join(",", running.stream()
						.map(p -> "{\"project\":" + quote(p.value()) + ",\"url\":" + quote(WebPort.namedUrl(p.value(), port)) + "}")
						.toList()) + "]}");
			return;
		}
		StringBuilder body = new StringBuilder("<p>LocalDB knows no project <b>").append(html(project.value()))
			.append("</b>. Start it with <code>localdb start ").append(html(project.value())).append("</code>.</p>");
		if (!running.isEmpty()) {
			body.append("<p>Running:</p><ul>");
			for (ProjectName name : running) {
				String url = html(WebPort.namedUrl(name.value(), port));
				body.append("<li><a href=\"").append(url).append("\">").append(url).append("</a></li>");
			}
			body.append("</ul>");
		}
		send(exchange, 404, page("No project " + project, "", body.toString()));
	}

	/** The last lines of a log, from its last {@value #TAIL_BYTES} bytes, never through a link. */
	List<String> lastLines(Path log) {
		if (this.logLines == 0) {
			return List.of();
		}
		try (SeekableByteChannel channel = Files.newByteChannel(log, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			long start = Math.max(0, channel.size() - TAIL_BYTES);
			channel.position(start);
			ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
			while (buffer.hasRemaining() && channel.read(buffer) > 0) {
				// until the end as it was
			}
			List<String> lines = new ArrayList<>(Arrays.asList(
					new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\r?\n", -1)));
			if (start > 0 && !lines.isEmpty()) {
				lines.remove(0); // cut in the middle
			}
			if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
				lines.remove(lines.size() - 1);
			}
			return List.copyOf(lines.subList(Math.max(0, lines.size() - this.logLines), lines.size()));
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			return List.of("(its log cannot be read: " + ex.getMessage() + ")");
		}
	}

	static boolean json(HttpServerExchange exchange) {
		String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
		return accept != null && accept.contains("application/json") && !accept.contains("text/html");
	}

	static void send(HttpServerExchange exchange, int status, String body) {
		exchange.setStatusCode(status);
		boolean json = body.startsWith("{");
		exchange.getResponseHeaders()
			.put(Headers.CONTENT_TYPE, json ? "application/json" : "text/html; charset=utf-8")
			.put(Headers.CACHE_CONTROL, "no-store");
		exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
	}

	private static String page(String title, String head, String body) {
		return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(title) + " · LocalDB</title>" + head
				+ "<style>body{font:15px system-ui,sans-serif;margin:3em auto;max-width:60em;padding:0 1em}"
				+ "pre{background:#f4f4f4;padding:1em;overflow:auto}.error{color:#b00}</style></head><body><h1>"
				+ html(title) + "</h1>" + body + "</body></html>";
	}

	static String html(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '<' -> out.append("\\u003c");
				default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
			}
		}
		return out.append('"').toString();
	}

}
