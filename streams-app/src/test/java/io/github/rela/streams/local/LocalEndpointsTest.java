package io.github.rela.streams.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands find the embedded broker and its registry through the advertised file. */
class LocalEndpointsTest {

  private static final LocalEndpoints RUNNING =
      new LocalEndpoints("127.0.0.1:40001", "http://127.0.0.1:40002");

  @TempDir Path dir;

  @Test
  void shouldUseTheAdvertisedBrokerAndRegistryWhenNoFlagIsGiven() {
    Path file = LocalEndpoints.fileBeside(dir.resolve("var/kafka"));
    RUNNING.write(file);

    assertEquals(dir.resolve("var/endpoints.properties"), file);
    assertEquals(RUNNING, LocalEndpoints.resolve(null, null, file));
    assertEquals(RUNNING, LocalEndpoints.resolve(RUNNING.bootstrapServers(), null, file));
  }

  @Test
  void shouldKeepTheAdvertisedRegistryForItsOwnBrokerOnly() {
    Path file = dir.resolve("endpoints.properties");
    RUNNING.write(file);

    LocalEndpoints elsewhere = LocalEndpoints.resolve("kafka:9092", null, file);
    LocalEndpoints given = LocalEndpoints.resolve(null, "http://registry:8081", file);

    assertEquals(new LocalEndpoints("kafka:9092", LocalEndpoints.DEFAULT_REGISTRY_URL), elsewhere);
    assertEquals(new LocalEndpoints(RUNNING.bootstrapServers(), "http://registry:8081"), given);
  }

  @Test
  void shouldFallBackToTheLocalDevelopmentPortsWithoutAFile() {
    LocalEndpoints endpoints = LocalEndpoints.resolve(null, null, dir.resolve("none.properties"));

    assertEquals(
        new LocalEndpoints(
            LocalEndpoints.DEFAULT_BOOTSTRAP_SERVERS, LocalEndpoints.DEFAULT_REGISTRY_URL),
        endpoints);
  }

  @Test
  void shouldWithdrawOnlyItsOwnAdvertisement() {
    Path file = dir.resolve("endpoints.properties");
    RUNNING.write(file);

    new LocalEndpoints("127.0.0.1:1", "http://127.0.0.1:2").withdraw(file);
    assertTrue(Files.exists(file));
    RUNNING.withdraw(file);
    assertFalse(Files.exists(file));
  }
}
