package io.github.rela.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.evaluation.corpus.DataPaths;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.TranslationResultSerde;
import io.github.rela.streams.inference.CheckpointRegistry;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The topology with the shipped model and its calibrated quality estimate, on the default
 * low-confidence rules (issue 15): a good caption goes to the results, garbage to review.
 */
class ShippedModelTopologyIntegrationTest {

  private static final String REGISTRY = "mock://shipped-topology-" + System.nanoTime();

  @Test
  void shouldRouteByTheShippedModelsQualityEstimate() {
    Path models = DataPaths.repositoryRoot(Path.of("").toAbsolutePath()).resolve("models");
    AppSettings app =
        ConfigLoader.load(
                null,
                Map.of(),
                Map.of(
                    "schema.registry.url",
                    REGISTRY,
                    "rela.models.dir",
                    models.toString(),
                    "rela.batch.size",
                    "1"))
            .withBootstrapServers("unused:9092");
    TopologySettings settings = TopologySettings.from(app.rela());
    AppSerdes serdes = new AppSerdes(app);
    try (CheckpointRegistry registry =
            new CheckpointRegistry(settings.modelsDir(), settings.decoding(), 32);
        TopologyTestDriver driver =
            new TopologyTestDriver(
                TranslationTopology.build(
                    settings,
                    Topics.of(app.rela(), serdes),
                    serdes.requestDeserializers(),
                    registry,
                    app.streamsProperties()),
                app.streamsProperties())) {
      TestInputTopic<byte[], byte[]> requests =
          driver.createInputTopic(
              "translation-requests", new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<byte[], TranslationResult> results = output(driver, "translation-results");
      TestOutputTopic<byte[], TranslationResult> lowConfidence =
          output(driver, "translation-low-confidence");

      // When a good German caption and a line of random characters arrive as plain text
      requests.pipeInput(bytes("good"), bytes("Ein Hund rennt über eine Wiese."));
      requests.pipeInput(bytes("garbage"), bytes("x7Qz 93kd Lp0w 1vRt"));

      // Then the caption is a result with its estimate, the garbage is flagged by the estimate
      TranslationResult good = results.readValue();
      assertEquals("Ein Hund rennt über eine Wiese.", good.getSourceText());
      assertFalse(good.getLowConfidence(), good.getLowConfidenceReason());
      assertNotNull(good.getQuality());
      TranslationResult flagged = lowConfidence.readValue();
      assertTrue(
          flagged.getLowConfidenceReason().contains("(estimated chrF)"),
          flagged.getLowConfidenceReason());
      assertTrue(flagged.getQuality() < good.getQuality());
    }
  }

  private static TestOutputTopic<byte[], TranslationResult> output(
      TopologyTestDriver driver, String topic) {
    TranslationResultSerde serde = new TranslationResultSerde();
    serde.configure(Map.of("schema.registry.url", REGISTRY), false);
    return driver.createOutputTopic(topic, new ByteArrayDeserializer(), serde.deserializer());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
