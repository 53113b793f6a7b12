package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.serde.TranslationResultDeserializer;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.local.LocalMode;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import io.github.rela.streams.testing.TinyCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The application against a broker in a container ({@code apache/kafka-native}), as users run it
 * beside a real cluster. Runs where Docker is available and is skipped cleanly elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerIntegrationTest {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.0");

  @TempDir Path dir;

  @Test
  void shouldTranslateRequestsFromAContainerisedBroker() throws Exception {
    // Given the app on the container's broker with a real (tiny) model
    AppSettings settings =
        ConfigLoader.load(
            null,
            Map.of(),
            Map.of(
                "bootstrap.servers", KAFKA.getBootstrapServers(),
                "application.id", "container-it",
                "schema.registry.url", "mock://container-it",
                "state.dir", dir.resolve("state").toString(),
                "rela.models.dir", TinyCheckpoint.write(dir.resolve("models")).toString(),
                "rela.low.confidence.routing", "both",
                "rela.batch.linger.ms", "50"));
    try (LocalMode local = LocalMode.prepare(settings);
        StreamsApp app = StreamsApp.start(local.settings())) {
      app.awaitRunning(Duration.ofSeconds(60));

      // When three sentences are produced as plain text
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                  ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                  ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
        for (String text : List.of("ein hund", "eine katze", "ein mann im park")) {
          producer.send(new ProducerRecord<>("translation-requests", text, text)).get();
        }
      }

      // Then three results arrive, each for its source
      TranslationResultDeserializer results = new TranslationResultDeserializer();
      results.configure(Map.of("schema.registry.url", "mock://container-it"), false);
      List<String> sources = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> consumer =
          StreamsFixture.readCommitted(
              KAFKA.getBootstrapServers(), List.of("translation-results"))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (sources.size() < 3 && System.nanoTime() < deadline) {
          consumer
              .poll(Duration.ofMillis(200))
              .forEach(
                  r -> {
                    TranslationResult result = results.deserialize(r.topic(), r.value());
                    assertEquals(
                        new String(r.key(), StandardCharsets.UTF_8), result.getSourceText());
                    sources.add(result.getSourceText());
                  });
        }
      }
      assertEquals(3, sources.size(), "results: " + sources);
    }
  }
}
