package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.streams.local.LocalEndpoints;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code rela run} on the embedded default, stopped, its {@code var/} deleted, and started again:
 * the second start translates without a stack trace. (Kafka Streams once kept its state in the
 * system's temp directory, outside {@code var/}, and a restart after deleting {@code var/} met
 * offsets the new broker had never written.)
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FreshStartIntegrationTest {

  private Path home;

  @AfterEach
  void deleteHome() throws Exception {
    if (home != null) {
      Utils.delete(home.toFile());
    }
  }

  @Test
  void shouldStartCleanlyAfterVarIsDeleted() throws Exception {
    // Given an app that has translated a request and stopped
    home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fresh-start-it-");
    translateOnce(home.resolve("first.log"));

    // When var/ is deleted and the app starts again
    Utils.delete(home.resolve("var").toFile());
    String second = translateOnce(home.resolve("second.log"));

    // Then it translates again, and its output holds no stack trace and no error
    List<String> problems =
        second.lines().filter(l -> l.contains("Exception") || l.matches("\\S+ ERROR .*")).toList();
    assertEquals(List.of(), problems, second);
  }

  /** Runs the app until one plain-text request has a committed result; returns its output. */
  private String translateOnce(Path log) throws Exception {
    Map<String, String> settings =
        Map.of(
            "rela.embedded.data.dir", home.resolve("var/kafka").toString(),
            "rela.embedded.port", "0",
            "rela.models.dir", ReaderScript.ROOT.resolve("models").toString(),
            "rela.topic.partitions", "1",
            "commit.interval.ms", "100");
    try (AppProcess app = AppProcess.start(settings, log)) {
      LocalEndpoints endpoints = awaitEndpoints(app, log);
      try (KafkaProducer<byte[], byte[]> producer = producer(endpoints.bootstrapServers())) {
        producer
            .send(
                new ProducerRecord<>(
                    StreamsFixture.REQUESTS,
                    "fresh".getBytes(StandardCharsets.UTF_8),
                    "Ein Hund rennt über eine Wiese.".getBytes(StandardCharsets.UTF_8)))
            .get();
      }
      assertTrue(resultArrives(endpoints.bootstrapServers()), () -> "no result:\n" + read(log));
    }
    return read(log);
  }

  private LocalEndpoints awaitEndpoints(AppProcess app, Path log) throws Exception {
    Path file = home.resolve("var/endpoints.properties");
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline || !app.isAlive()) {
        throw new AssertionError("rela run advertised no endpoints:\n" + read(log));
      }
      Thread.sleep(200);
    }
    return LocalEndpoints.resolve(null, null, file);
  }

  private static boolean resultArrives(String bootstrapServers) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        StreamsFixture.readCommitted(bootstrapServers, StreamsFixture.OUTPUTS)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        if (!consumer.poll(Duration.ofMillis(500)).isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
