package io.github.rela.streams.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The process's memory at one moment: resident set size (Linux {@code /proc/self/status} VmRSS:
 * heap, native allocations such as PyTorch's, code, thread stacks), and the live Java heap measured
 * right after a full collection so that garbage not yet collected does not count.
 *
 * @param seconds since the soak began
 * @param results results received so far
 */
record MemorySample(double seconds, long results, double rssMiB, double liveHeapMiB) {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final double MIB = 1024.0 * 1024.0;

  /** Takes a sample now; asks for a full collection first. */
  static MemorySample take(double seconds, long results) {
    System.gc();
    double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
    return new MemorySample(seconds, results, residentMiB(), heap);
  }

  /** VmRSS in MiB; NaN where there is no {@code /proc} (not Linux). */
  static double residentMiB() {
    try {
      List<String> lines = Files.readAllLines(STATUS);
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          // "VmRSS:	  123456 kB"
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
      return Double.NaN;
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * The least-squares slope of {@code value} over {@code samples}, per hour.
   *
   * @param value which figure: rss or live heap
   */
  static double slopePerHour(List<MemorySample> samples, ToDoubleFunction<MemorySample> value) {
    int n = samples.size();
    if (n < 2) {
      return Double.NaN;
    }
    double meanT = samples.stream().mapToDouble(MemorySample::seconds).average().orElse(0);
    double meanV = samples.stream().mapToDouble(value).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (MemorySample s : samples) {
      covariance += (s.seconds() - meanT) * (value.applyAsDouble(s) - meanV);
      variance += (s.seconds() - meanT) * (s.seconds() - meanT);
    }
    return covariance / variance * 3600;
  }
}
