package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.streams.embedded.LocalEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The readers against {@code rela run} on the embedded default: its own broker and the schema
 * registry it serves, found through the {@code var/endpoints.properties} it advertises.
 */
class ThirdPartyReadersIntegrationTest extends ThirdPartyReaders {

  @Override
  Map<String, String> services() {
    return Map.of("rela.embedded.data.dir", dir.resolve("var/kafka").toString());
  }

  @Override
  LocalEndpoints endpoints(AppProcess app) throws Exception {
    Path file = dir.resolve("var/endpoints.properties");
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline || !app.isAlive()) {
        throw new AssertionError("rela run advertised no endpoints in " + file + ":\n" + log());
      }
      Thread.sleep(200);
    }
    return LocalEndpoints.resolve(null, null, file);
  }

  @Override
  void stopServices() {}

  @Test
  void shouldKeepKafkaStreamsStateBesideTheBrokerUnderVar() {
    assertTrue(Files.isDirectory(dir.resolve("var/streams")));
  }
}
