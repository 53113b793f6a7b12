package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rela.schemas.serde.RequestIds;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under a running application and comes back on the same address with the same
 * logs, as in a rolling restart of a one-node cluster: the application rides it out, and every
 * request ends in the outputs exactly once (read_committed).
 */
class BrokerRestartIntegrationTest {

  private static final String REQUESTS = "translation-requests";
  private static final String RESULTS = "translation-results";
  private static final String LOW = "translation-low-confidence";
  private static final String DEAD = "translation-dead-letter";
  private static final List<String> OUTPUTS = List.of(RESULTS, LOW, DEAD);
  private static final String REGISTRY = "mock://broker-restart-it";

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldTranslateEveryRequestExactlyOnceAcrossABrokerRestart() throws Exception {
    try (StreamsFixture fixture =
        StreamsFixture.start(dir, 2, List.of(REQUESTS, RESULTS, LOW, DEAD))) {
      // Given the application translating a stream of requests
      List<String> ids = new ArrayList<>(produce(fixture, 0, 150));
      try (StreamsApp app =
          StreamsApp.start(ConfigLoader.load(null, Map.of(), settings(fixture)))) {
        fixture.awaitCommitted(OUTPUTS, 30, Duration.ofSeconds(90), () -> problem(app));

        // When the broker stops for 5 s in the middle of it and starts again, and more arrive
        long stopped = System.nanoTime();
        fixture.restartBroker(Duration.ofSeconds(5));
        ids.addAll(produce(fixture, 150, 300));

        // Then the application finishes the stream
        fixture.awaitCommitted(OUTPUTS, ids.size(), Duration.ofSeconds(150), () -> problem(app));
        System.out.printf(
            "Broker restart: all %d outputs committed %.1f s after the broker stopped%n",
            ids.size(), (System.nanoTime() - stopped) / 1e9);
      }

      // And every request is in the outputs exactly once
      OutputIds outputs = new OutputIds(REGISTRY, DEAD).count(fixture.readAllCommitted(OUTPUTS));
      assertEquals(Map.of(), outputs.notExactlyOnce(ids));
      assertEquals(Map.of(), outputs.deadLetters);
    }
  }

  private Map<String, String> settings(StreamsFixture fixture) {
    Map<String, String> s = new TreeMap<>();
    s.put("bootstrap.servers", fixture.bootstrapServers());
    s.put("application.id", "broker-restart-it");
    s.put("schema.registry.url", REGISTRY);
    s.put("state.dir", dir.resolve("state").toString());
    s.put("rela.models.dir", fixture.tinyModels().toString());
    s.put("rela.batch.size", "8");
    s.put("rela.batch.linger.ms", "100");
    s.put("rela.decode.beam.size", "2");
    s.put("rela.decode.threads", "1");
    s.put("commit.interval.ms", "200");
    return s;
  }

  private static String problem(StreamsApp app) {
    KafkaStreams.State state = app.streams().state();
    return state.isRunningOrRebalancing() ? null : "Kafka Streams is " + state;
  }

  /** Sends requests {@code from} (inclusive) to {@code to}; returns their ids. */
  private static List<String> produce(StreamsFixture fixture, int from, int to) throws Exception {
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (int i = from; i < to; i++) {
        String text = "ein mann " + (i % 2 == 0 ? "läuft im park" : "spielt mit dem hund");
        RecordMetadata m =
            producer
                .send(
                    new ProducerRecord<>(
                        REQUESTS,
                        ("r-" + i).getBytes(StandardCharsets.UTF_8),
                        text.getBytes(StandardCharsets.UTF_8)))
                .get();
        ids.add(RequestIds.fromCoordinates(m.topic(), m.partition(), m.offset()));
      }
    }
    return ids;
  }
}
