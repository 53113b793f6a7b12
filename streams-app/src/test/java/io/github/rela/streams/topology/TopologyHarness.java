package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.DeadLetterSerde;
import io.github.rela.schemas.serde.TranslationResultSerde;
import io.github.rela.streams.inference.TranslatorRegistry;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The topology in a {@link TopologyTestDriver}: raw requests in, typed results, low-confidence
 * results and dead letters out, read with the registry named by {@code schema.registry.url}.
 */
final class TopologyHarness implements AutoCloseable {

  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> requests;
  final TestOutputTopic<byte[], TranslationResult> results;
  final TestOutputTopic<byte[], TranslationResult> lowConfidence;
  final TestOutputTopic<byte[], DeadLetter> deadLetters;

  /**
   * @param deserializers the request deserializers, or null for the configured ones
   */
  TopologyHarness(
      Map<String, String> settings,
      Supplier<Deserializer<TranslationRequest>> deserializers,
      TranslatorRegistry model) {
    AppSettings app =
        ConfigLoader.load(null, Map.of(), settings).withBootstrapServers("unused:9092");
    AppSerdes serdes = new AppSerdes(app);
    driver =
        new TopologyTestDriver(
            TranslationTopology.build(
                TopologySettings.from(app.rela()),
                Topics.of(app.rela(), serdes),
                deserializers != null ? deserializers : serdes.requestDeserializers(),
                model,
                app.streamsProperties()),
            app.streamsProperties());
    requests =
        driver.createInputTopic(
            "translation-requests", new ByteArraySerializer(), new ByteArraySerializer());
    String registry = settings.get("schema.registry.url");
    results = output("translation-results", new TranslationResultSerde(), registry);
    lowConfidence = output("translation-low-confidence", new TranslationResultSerde(), registry);
    deadLetters = output("translation-dead-letter", new DeadLetterSerde(), registry);
  }

  private <T> TestOutputTopic<byte[], T> output(String topic, Serde<T> serde, String registry) {
    serde.configure(Map.of("schema.registry.url", registry), false);
    return driver.createOutputTopic(topic, new ByteArrayDeserializer(), serde.deserializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
