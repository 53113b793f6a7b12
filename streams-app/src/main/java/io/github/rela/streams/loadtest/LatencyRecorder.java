package io.github.rela.streams.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Send and arrival times by request key; percentiles of the differences; results that arrive a
 * second time for the same key (which exactly-once rules out).
 */
final class LatencyRecorder {

  private final Map<String, Long> sent = new ConcurrentHashMap<>();
  private final Map<String, Long> arrived = new ConcurrentHashMap<>();
  private final AtomicInteger duplicates = new AtomicInteger();

  void sent(String key, long nanos) {
    sent.put(key, nanos);
  }

  void arrived(String key, long nanos) {
    if (arrived.putIfAbsent(key, nanos) != null) {
      duplicates.incrementAndGet();
    }
  }

  int duplicates() {
    return duplicates.get();
  }

  int arrivedCount() {
    return arrived.size();
  }

  long lastArrival() {
    return arrived.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  long firstSend() {
    return sent.values().stream().mapToLong(Long::longValue).min().orElse(0);
  }

  /** The {@code p}-th percentile (0-100) of produce-to-result latency, in milliseconds. */
  double percentileMillis(double p) {
    double[] latencies =
        arrived.entrySet().stream()
            .filter(e -> sent.containsKey(e.getKey()))
            .mapToDouble(e -> (e.getValue() - sent.get(e.getKey())) / 1e6)
            .sorted()
            .toArray();
    if (latencies.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100 * latencies.length) - 1;
    return latencies[Math.max(0, Math.min(latencies.length - 1, index))];
  }
}
