package dev.softclass.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many predict requests are worked on at once. A request that finds every slot taken
 * waits up to the queue timeout, then gets a 429 with {@code Retry-After}, so an overloaded server
 * sheds load quickly instead of letting latency grow without bound. Thread-safe.
 */
final class RequestGate {
  private final Semaphore slots;
  private final int capacity;
  private final long queueNanos;

  RequestGate(int capacity, Duration queueTimeout) {
    this.slots = new Semaphore(capacity);
    this.capacity = capacity;
    this.queueNanos = queueTimeout.toNanos();
  }

  /** A taken slot; closing it frees the slot. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes a slot.
   *
   * @throws ApiError 429 if none frees up within the queue timeout, 503 if interrupted
   */
  Slot enter() {
    boolean ok;
    try {
      ok =
          queueNanos == 0 ? slots.tryAcquire() : slots.tryAcquire(queueNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unavailable("the server is shutting down");
    }
    if (!ok) {
      throw new ApiError(
          429,
          "the server is busy: "
              + capacity
              + " predict requests are being worked on already; retry shortly",
          Map.of("Retry-After", "1"));
    }
    return slots::release;
  }

  /** Predict requests being worked on now. */
  int inFlight() {
    return capacity - slots.availablePermits();
  }
}
