package dev.localdb.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load on one loopback URL: N clients, each with its own keep-alive connection, send R
 * requests in all; prints requests per second and the p50/p99 latency. Not a test. Usage:
 * {@code HttpLoad URL CLIENTS REQUESTS}.
 */
public final class HttpLoad {

	private HttpLoad() {
	}

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
			throw new IllegalArgumentException("loopback only: " + uri);
		}
		int clients = Integer.parseInt(args[1]);
		int requests = Integer.parseInt(args[2]);
		HttpRequest request = HttpRequest.newBuilder(uri).build();
		// warm-up the way the measurement runs (same clients, half as many requests): a daemon that
		// has served for a while has compiled its paths and filled its thread pool
		run(request, clients, requests / 2);
		Result result = run(request, clients, requests);
		System.out.printf("requests=%d clients=%d failures=%d req/s=%.0f p50_ms=%.2f p99_ms=%.2f%n", requests, clients,
				result.failures(), requests / result.seconds(), result.latencies()[requests / 2] / 1e6,
				result.latencies()[requests * 99 / 100] / 1e6);
	}

	private record Result(long[] latencies, int failures, double seconds) {
	}

	private static Result run(HttpRequest request, int clients, int requests) throws InterruptedException {
		long[] latencies = new long[requests];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(clients);
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			Thread thread = new Thread(() -> {
				HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
					long sent = System.nanoTime();
					try {
						HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 200) {
							failures.incrementAndGet();
						}
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
					latencies[i] = System.nanoTime() - sent;
				}
				done.countDown();
			});
			thread.start();
		}
		done.await();
		double seconds = (System.nanoTime() - start) / 1e9;
		Arrays.sort(latencies);
		return new Result(latencies, failures.get(), seconds);
	}

}
