package io.github.rela.streams.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rela.schemas.avro.ModelInfo;
import io.github.rela.streams.inference.LanguagePair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The serving-model gauge names the model by its tags, and a swap replaces it. */
class ServingModelMetricsTest {

  private static final LanguagePair DE_EN = new LanguagePair("de", "en");

  @Test
  void shouldNameTheServingModelAndCountSwapsAndRefusals() {
    try (ServingModelMetrics metrics = new ServingModelMetrics()) {
      // Given version 1 serving
      metrics.serving(DE_EN, new ModelInfo("de-en-v1", "final", "aaa"));

      // When version 2 replaces it and a broken checkpoint is refused
      metrics.serving(DE_EN, new ModelInfo("de-en-v2", "2", "bbb"));
      metrics.refused(DE_EN, Path.of("models/de-en"), "checksum mismatch");

      // Then one gauge names version 2, and the swap and the refusal are counted
      List<MetricName> serving = named(metrics, ServingModelMetrics.SERVING_MODEL);
      assertEquals(1, serving.size(), serving.toString());
      assertEquals(
          Map.of("pair", "de-en", "model", "de-en-v2", "version", "2", "checkpoint-hash", "bbb"),
          serving.get(0).tags());
      assertEquals(1, metrics.metrics().get(serving.get(0)).metricValue());
      assertEquals(1.0, value(metrics, ServingModelMetrics.SWAPS_TOTAL));
      assertEquals(1.0, value(metrics, ServingModelMetrics.REFUSED_TOTAL));
    }
  }

  private static List<MetricName> named(ServingModelMetrics metrics, String name) {
    return metrics.metrics().keySet().stream().filter(n -> n.name().equals(name)).toList();
  }

  private static double value(ServingModelMetrics metrics, String name) {
    List<MetricName> found = named(metrics, name);
    assertEquals(1, found.size(), name);
    assertEquals(Map.of("pair", "de-en"), found.get(0).tags());
    return ((Number) metrics.metrics().get(found.get(0)).metricValue()).doubleValue();
  }
}
