package dev.softclass.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads that send one request over and over until stopped, for the tests of reloads under
 * load: every answer that fails the check (or throws, or does not arrive) is kept as a failure.
 */
final class ConcurrentClients {
  /** Whether an answer is one of the acceptable ones; may throw, which counts as a failure. */
  interface Check {
    boolean accepts(HttpResponse<String> r) throws Exception;
  }

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong answered = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final Thread[] threads;

  private ConcurrentClients(HttpClient client, HttpRequest request, int count, Check check) {
    threads = new Thread[count];
    for (int t = 0; t < count; t++) {
      threads[t] =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    HttpResponse<String> r =
                        client.send(
                            request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (!check.accepts(r)) {
                      failures.add(r.statusCode() + " " + r.body());
                    }
                    answered.incrementAndGet();
                  } catch (Exception e) {
                    failures.add(e.toString());
                  }
                }
              });
      threads[t].setDaemon(true); // a failed test must not leave the JVM running
      threads[t].start();
    }
  }

  /** Starts {@code count} threads sending {@code request} with {@code client}. */
  static ConcurrentClients start(HttpClient client, HttpRequest request, int count, Check check) {
    return new ConcurrentClients(client, request, count, check);
  }

  /** Stops the threads after their request in flight. */
  void stop() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
  }

  /** Answers received (acceptable or not). */
  long answered() {
    return answered.get();
  }

  /** The failed requests: status and body, or the exception. */
  List<String> failures() {
    return List.copyOf(failures);
  }
}
