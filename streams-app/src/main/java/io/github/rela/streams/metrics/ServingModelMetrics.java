package io.github.rela.streams.metrics;

import io.github.rela.schemas.avro.ModelInfo;
import io.github.rela.streams.inference.LanguagePair;
import io.github.rela.streams.inference.ModelListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.utils.Time;

/**
 * Which model serves each language pair, in JMX (domain {@value #JMX_PREFIX}, group {@value
 * #GROUP}): the gauge {@value #SERVING_MODEL} is 1 and is tagged with the pair and the serving
 * model's name, version and checkpoint hash; a swap replaces it. Beside it, per pair, the swaps and
 * the refused checkpoints so far.
 */
public final class ServingModelMetrics implements ModelListener, AutoCloseable {

  public static final String JMX_PREFIX = "rela";
  public static final String GROUP = "rela-model-metrics";
  public static final String SERVING_MODEL = "serving-model";
  public static final String SWAPS_TOTAL = "model-swaps-total";
  public static final String REFUSED_TOTAL = "model-refused-total";

  private final Metrics metrics =
      new Metrics(
          new MetricConfig(),
          List.of(new JmxReporter()),
          Time.SYSTEM,
          new KafkaMetricsContext(JMX_PREFIX));
  private final Map<LanguagePair, MetricName> serving = new ConcurrentHashMap<>();

  @Override
  public synchronized void serving(LanguagePair pair, ModelInfo model) {
    MetricName before = serving.remove(pair);
    if (before != null) {
      metrics.removeMetric(before);
      sensor(pair, "swaps", SWAPS_TOTAL, "Hot swaps of the model so far").record();
    }
    MetricName name =
        metrics.metricName(
            SERVING_MODEL,
            GROUP,
            "1 for the model that serves the pair, named by the tags",
            Map.of(
                "pair", pair.toString(),
                "model", model.getName().toString(),
                "version", model.getVersion().toString(),
                "checkpoint-hash", model.getCheckpointHash().toString()));
    metrics.addMetric(name, (Gauge<Integer>) (config, now) -> 1);
    serving.put(pair, name);
  }

  @Override
  public synchronized void refused(LanguagePair pair, Path directory, String reason) {
    sensor(pair, "refused", REFUSED_TOTAL, "Checkpoints refused by a reload so far").record();
  }

  private Sensor sensor(LanguagePair pair, String sensor, String metric, String description) {
    String key = GROUP + "." + pair + "." + sensor;
    Sensor existing = metrics.getSensor(key);
    if (existing != null) {
      return existing;
    }
    Sensor created = metrics.sensor(key);
    created.add(
        metrics.metricName(metric, GROUP, description, Map.of("pair", pair.toString())),
        new CumulativeCount());
    return created;
  }

  /** Every metric of this group, e.g. to read the tags of the serving model. */
  public Map<MetricName, ? extends Metric> metrics() {
    return metrics.metrics();
  }

  @Override
  public void close() {
    metrics.close();
  }
}
