package io.github.rela.streams.it;

import static io.github.rela.streams.testing.StreamsFixture.DEAD_LETTER;
import static io.github.rela.streams.testing.StreamsFixture.OUTPUTS;
import static io.github.rela.streams.testing.StreamsFixture.TOPICS;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldTranslateEveryRequestExactlyOnceAcrossABrokerRestart() throws Exception {
    try (StreamsFixture fixture = StreamsFixture.start(dir, 2, TOPICS)) {
      // Given the application translating a stream of requests
      List<String> ids = new ArrayList<>(fixture.producePlainText(0, 150));
      Map<String, String> settings =
          fixture.appSettings("broker-restart-it", REGISTRY, fixture.tinyModels());
      settings.put("state.dir", dir.resolve("state").toString());
      try (StreamsApp app = StreamsApp.start(ConfigLoader.load(null, Map.of(), settings))) {
        fixture.awaitCommitted(OUTPUTS, 30, Duration.ofSeconds(90), () -> Apps.problem(app));

        // When the broker stops for 5 s in the middle of it and starts again, and more arrive
        long stopped = System.nanoTime();
        fixture.restartBroker(Duration.ofSeconds(5));
        ids.addAll(fixture.producePlainText(150, 300));

        // Then the application finishes the stream
        fixture.awaitCommitted(
            OUTPUTS, ids.size(), Duration.ofSeconds(150), () -> Apps.problem(app));
        System.out.printf(
            "Broker restart: all %d outputs committed %.1f s after the broker stopped%n",
            ids.size(), (System.nanoTime() - stopped) / 1e9);
      }

      // And every request is in the outputs exactly once
      OutputIds outputs =
          new OutputIds(REGISTRY, DEAD_LETTER).count(fixture.readAllCommitted(OUTPUTS));
      assertEquals(Map.of(), outputs.notExactlyOnce(ids));
      assertEquals(Map.of(), outputs.deadLetters);
    }
  }
}
