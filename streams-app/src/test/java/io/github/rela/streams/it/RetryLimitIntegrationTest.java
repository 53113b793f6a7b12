package io.github.rela.streams.it;

import static io.github.rela.streams.testing.StreamsFixture.DEAD_LETTER;
import static io.github.rela.streams.testing.StreamsFixture.OUTPUTS;
import static io.github.rela.streams.testing.StreamsFixture.TOPICS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.serde.WireFormat;
import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.local.FreePorts;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that never answers: the application waits {@code rela.retry.max.ms}, then stops
 * with that limit and the fault named, and dead-letters nothing.
 */
class RetryLimitIntegrationTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void shouldStopWithTheFaultNamedOnceItOutlastsTheLimit() throws Exception {
    try (StreamsFixture fixture = StreamsFixture.start(dir, 1, TOPICS)) {
      // Given an application whose registry address has nothing behind it, and a 2 s limit
      String nowhere = "http://127.0.0.1:" + FreePorts.pick() + "/apis/ccompat/v7";
      Map<String, String> settings =
          fixture.appSettings("retry-limit-it", nowhere, fixture.tinyModels());
      settings.put("state.dir", dir.resolve("state").toString());
      settings.put("rela.retry.backoff.ms", "100");
      settings.put("rela.retry.backoff.max.ms", "500");
      settings.put("rela.retry.max.ms", "2000");
      try (StreamsApp app = StreamsApp.start(ConfigLoader.load(null, Map.of(), settings))) {

        // When an Avro request arrives whose schema only the registry knows
        try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
          byte[] avro = {WireFormat.MAGIC_BYTE, 0, 0, 0, 1, 2, 'a'};
          StreamsFixture.send(producer, "k", avro);
        }

        // Then the application stops on its own, naming the fault and the limit
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.streams().state() != KafkaStreams.State.ERROR && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertEquals(KafkaStreams.State.ERROR, app.streams().state());
        String failure = app.failure().orElseThrow();
        assertTrue(failure.contains("registry-unavailable"), failure);
        assertTrue(failure.contains("rela.retry.max.ms=2000"), failure);
      }

      // And nothing went to the dead-letter topic
      assertEquals(List.of(), fixture.readAllCommitted(List.of(DEAD_LETTER)));
      assertEquals(List.of(), fixture.readAllCommitted(OUTPUTS));
    }
  }
}
