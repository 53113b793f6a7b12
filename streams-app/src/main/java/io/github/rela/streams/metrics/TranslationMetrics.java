package io.github.rela.streams.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedCount;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The application's metrics, registered in Kafka Streams' metrics registry so that they appear in
 * JMX (group {@value #GROUP}) beside Streams' own, tagged by thread and task: translations per
 * second, batch sizes, decode latency, the null-rate distribution, the low-confidence and
 * dead-letter rates, and the retries after transient faults (tagged by {@code reason}).
 */
public final class TranslationMetrics {

  public static final String GROUP = "rela-translation-metrics";
  public static final String TRANSLATIONS_TOTAL = "translations-total";
  public static final String BATCH_TOTAL = "batch-total";
  public static final String DECODE_TIME_TOTAL = "decode-time-total";
  public static final String RETRIES_TOTAL = "retries-total";

  private final Sensor translations;
  private final Sensor nullRate;
  private final Sensor lowConfidence;
  private final Sensor batchSize;
  private final Sensor decodeLatency;
  private final Sensor deadLetters;
  private final StreamsMetrics metrics;
  private final Map<String, String> tags;
  private final Map<String, Sensor> retries = new HashMap<>();

  private TranslationMetrics(StreamsMetrics metrics, Map<String, String> tags) {
    this.metrics = metrics;
    this.tags = tags;
    translations = sensor(metrics, tags, "translations");
    translations.add(name("translations-rate", "Translations per second", tags), new Rate());
    translations.add(name(TRANSLATIONS_TOTAL, "Translations so far", tags), new CumulativeSum());

    nullRate = sensor(metrics, tags, "null-rate");
    nullRate.add(name("null-rate-avg", "Mean null rate of translations", tags), new Avg());
    nullRate.add(name("null-rate-max", "Largest null rate of translations", tags), new Max());
    nullRate.add(
        new Percentiles(
            4 * 101,
            0.0,
            1.0,
            Percentiles.BucketSizing.LINEAR,
            new Percentile(name("null-rate-p50", "Median null rate", tags), 50),
            new Percentile(name("null-rate-p90", "90th percentile of the null rate", tags), 90),
            new Percentile(name("null-rate-p99", "99th percentile of the null rate", tags), 99)));

    lowConfidence = sensor(metrics, tags, "low-confidence");
    lowConfidence.add(
        name("low-confidence-rate", "Low-confidence results per second", tags), new Rate());
    lowConfidence.add(
        name("low-confidence-total", "Low-confidence results so far", tags), new CumulativeSum());

    batchSize = sensor(metrics, tags, "batch-size");
    batchSize.add(name("batch-size-avg", "Mean requests per micro-batch", tags), new Avg());
    batchSize.add(name("batch-size-max", "Largest micro-batch", tags), new Max());
    batchSize.add(
        name("batch-rate", "Micro-batches per second", tags), new Rate(new WindowedCount()));
    batchSize.add(name(BATCH_TOTAL, "Micro-batches so far", tags), new CumulativeCount());

    decodeLatency = sensor(metrics, tags, "decode-latency");
    decodeLatency.add(name("decode-latency-avg", "Mean ms to decode a batch", tags), new Avg());
    decodeLatency.add(name("decode-latency-max", "Longest ms to decode a batch", tags), new Max());
    decodeLatency.add(
        name(DECODE_TIME_TOTAL, "Ms spent decoding so far", tags), new CumulativeSum());

    deadLetters = sensor(metrics, tags, "dead-letters");
    deadLetters.add(name("dead-letter-rate", "Dead letters per second", tags), new Rate());
    deadLetters.add(name("dead-letter-total", "Dead letters so far", tags), new CumulativeSum());
  }

  /** The metrics of the task that owns {@code context}. */
  public static TranslationMetrics of(ProcessorContext<?, ?> context) {
    Map<String, String> tags =
        Map.of(
            "thread-id", Thread.currentThread().getName(),
            "task-id", context.taskId().toString());
    return new TranslationMetrics(context.metrics(), tags);
  }

  public void translation(double nullRateOfTranslation, boolean isLowConfidence) {
    translations.record(1);
    nullRate.record(nullRateOfTranslation);
    if (isLowConfidence) {
      lowConfidence.record(1);
    }
  }

  public void batch(int size, long decodeMillis) {
    batchSize.record(size);
    decodeLatency.record(decodeMillis);
  }

  public void deadLetter() {
    deadLetters.record(1);
  }

  /** A retry after a transient fault, {@code reason} being its kind (registry-unavailable...). */
  public void retry(String reason) {
    retries.computeIfAbsent(reason, this::retrySensor).record(1);
  }

  private Sensor retrySensor(String reason) {
    Map<String, String> reasonTags = new HashMap<>(tags);
    reasonTags.put("reason", reason);
    Sensor sensor = sensor(metrics, tags, "retries." + reason);
    sensor.add(
        name("retry-rate", "Retries after transient faults per second", reasonTags),
        new Rate(new WindowedCount()));
    sensor.add(
        name(RETRIES_TOTAL, "Retries after transient faults so far", reasonTags),
        new CumulativeCount());
    return sensor;
  }

  private static Sensor sensor(StreamsMetrics metrics, Map<String, String> tags, String name) {
    return metrics.addSensor(
        GROUP + "." + tags.get("task-id") + "." + name, Sensor.RecordingLevel.INFO);
  }

  private static MetricName name(String name, String description, Map<String, String> tags) {
    return new MetricName(name, GROUP, description, tags);
  }
}
