package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.streams.local.LocalEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The readers against {@code rela run} on the embedded default: its own broker and the schema
 * registry it serves, found through the {@code var/endpoints.properties} it advertises.
 */
class ThirdPartyReadersIntegrationTest extends ThirdPartyReaders {

  /** Not under the system's temp directory, where Kafka Streams warns that it may be cleared. */
  private Path home;

  @Override
  Map<String, String> services() throws Exception {
    home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "readers-it-");
    // A free port rather than 9092, for which other brokers on this machine may race.
    return Map.of(
        "rela.embedded.data.dir", home.resolve("var/kafka").toString(), "rela.embedded.port", "0");
  }

  @Override
  LocalEndpoints endpoints(AppProcess app) throws Exception {
    Path file = home.resolve("var/endpoints.properties");
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
  void stopServices() throws IOException {
    if (home != null) {
      Utils.delete(home.toFile());
    }
  }

  @Test
  void shouldKeepKafkaStreamsStateBesideTheBrokerUnderVar() {
    assertTrue(Files.isDirectory(home.resolve("var/streams")));
  }

  @Test
  void shouldStartWithoutAWarningOnACpuOnlyHost() {
    // logback's lines: "HH:mm:ss.SSS LEVEL logger - message".
    List<String> warnings = log().lines().filter(l -> l.matches("\\S+ (WARN|ERROR) .*")).toList();

    assertEquals(List.of(), warnings);
  }
}
