package io.github.rela.streams.metrics;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The running totals of {@link TranslationMetrics} summed over all tasks: translations,
 * micro-batches and milliseconds spent decoding. Differences of two readings describe the work in
 * between (as {@code rela bench-stream} reports it).
 */
public record TranslationTotals(double translations, double batches, double decodeMillis) {

  /** Reads the totals from a metrics registry, e.g. {@code KafkaStreams.metrics()}. */
  public static TranslationTotals of(Map<MetricName, ? extends Metric> metrics) {
    double translations = 0;
    double batches = 0;
    double decodeMillis = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
      if (!metric.getKey().group().equals(TranslationMetrics.GROUP)) {
        continue;
      }
      double value = ((Number) metric.getValue().metricValue()).doubleValue();
      switch (metric.getKey().name()) {
        case TranslationMetrics.TRANSLATIONS_TOTAL -> translations += value;
        case TranslationMetrics.BATCH_TOTAL -> batches += value;
        case TranslationMetrics.DECODE_TIME_TOTAL -> decodeMillis += value;
        default -> {}
      }
    }
    return new TranslationTotals(translations, batches, decodeMillis);
  }

  /** The retries after transient faults of kind {@code reason}, summed over all tasks. */
  public static double retries(Map<MetricName, ? extends Metric> metrics, String reason) {
    return metrics.entrySet().stream()
        .filter(m -> m.getKey().group().equals(TranslationMetrics.GROUP))
        .filter(m -> m.getKey().name().equals(TranslationMetrics.RETRIES_TOTAL))
        .filter(m -> reason.equals(m.getKey().tags().get("reason")))
        .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
        .sum();
  }

  /** Translations so far by stream thread (the metrics' {@code thread-id} tag), in name order. */
  public static Map<String, Double> translationsByThread(
      Map<MetricName, ? extends Metric> metrics) {
    Map<String, Double> byThread = new TreeMap<>();
    metrics.forEach(
        (name, metric) -> {
          if (name.group().equals(TranslationMetrics.GROUP)
              && name.name().equals(TranslationMetrics.TRANSLATIONS_TOTAL)) {
            byThread.merge(
                name.tags().get("thread-id"),
                ((Number) metric.metricValue()).doubleValue(),
                Double::sum);
          }
        });
    return byThread;
  }

  public TranslationTotals minus(TranslationTotals earlier) {
    return new TranslationTotals(
        translations - earlier.translations,
        batches - earlier.batches,
        decodeMillis - earlier.decodeMillis);
  }

  /** Translations per micro-batch; 0 before the first batch. */
  public double meanBatch() {
    return batches == 0 ? 0 : translations / batches;
  }
}
