package io.github.rela.streams.it;

import static io.github.rela.streams.testing.StreamsFixture.DEAD_LETTER;
import static io.github.rela.streams.testing.StreamsFixture.OUTPUTS;
import static io.github.rela.streams.testing.StreamsFixture.TOPICS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.streams.app.StreamsApp;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.testing.StreamsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under a running application and comes back on the same address with the same
 * logs, as in a rolling restart of a one-node cluster: the application rides it out, and every
 * request ends in the outputs exactly once (read_committed).
 */
class BrokerRestartIntegrationTest {

  private static final String REGISTRY = "mock://broker-restart-it";

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void shouldTranslateEveryRequestExactlyOnceAcrossABrokerRestart() throws Exception {
    // The Kafka clients ride out a brief restart on their own
    List<String> threads = runAcrossRestart("broker-restart-it", Duration.ofSeconds(5), Map.of());
    assertEquals(1, threads.size(), "stream threads: " + threads);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void shouldReplaceTheStreamThreadWhenTheBrokerStaysAwayLongerThanTheDeliveryTimeout()
      throws Exception {
    // A transaction that cannot commit within the delivery timeout ends its stream thread: a new
    // one takes over once the old one has left the group and the broker has aborted its
    // transaction (10 s each here)
    List<String> threads =
        runAcrossRestart(
            "broker-outage-it",
            Duration.ofSeconds(20),
            Map.of(
                "producer.delivery.timeout.ms", "6000",
                "producer.request.timeout.ms", "3000",
                "producer.transaction.timeout.ms", "10000",
                "consumer.session.timeout.ms", "10000"));
    assertTrue(
        threads.stream().anyMatch(t -> t.endsWith("-StreamThread-2")),
        "the stream thread was not replaced: " + threads);
  }

  /**
   * Runs the application over 300 requests while the broker restarts after the first 30 outputs;
   * checks that every request is in the outputs exactly once; returns the names of the stream
   * threads at the end.
   */
  private List<String> runAcrossRestart(String id, Duration downtime, Map<String, String> extra)
      throws Exception {
    try (StreamsFixture fixture = StreamsFixture.start(dir.resolve(id), 2, TOPICS)) {
      // Given the application translating a stream of requests
      List<String> ids = new ArrayList<>(fixture.producePlainText(0, 150));
      Map<String, String> settings = fixture.appSettings(id, REGISTRY, fixture.tinyModels());
      settings.put("state.dir", dir.resolve(id).resolve("state").toString());
      settings.putAll(extra);
      List<String> threads;
      try (StreamsApp app = StreamsApp.start(ConfigLoader.load(null, Map.of(), settings))) {
        fixture.awaitCommitted(OUTPUTS, 30, Duration.ofSeconds(90), () -> Apps.problem(app));

        // When the broker stops in the middle of it and starts again, and more requests arrive
        long stopped = System.nanoTime();
        fixture.restartBroker(downtime);
        ids.addAll(fixture.producePlainText(150, 300));

        // Then the application finishes the stream
        fixture.awaitCommitted(
            OUTPUTS, ids.size(), Duration.ofSeconds(120), () -> Apps.problem(app));
        System.out.printf(
            "Broker away %d s: all %d outputs committed %.1f s after it stopped%n",
            downtime.toSeconds(), ids.size(), (System.nanoTime() - stopped) / 1e9);
        threads =
            app.streams().metadataForLocalThreads().stream().map(t -> t.threadName()).toList();
      }

      // And every request is in the outputs exactly once
      OutputIds outputs =
          new OutputIds(REGISTRY, DEAD_LETTER).count(fixture.readAllCommitted(OUTPUTS));
      assertEquals(Map.of(), outputs.notExactlyOnce(ids));
      assertEquals(Map.of(), outputs.deadLetters);
      return threads;
    }
  }
}
