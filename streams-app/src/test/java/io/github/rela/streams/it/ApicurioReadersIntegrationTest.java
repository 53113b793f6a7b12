package io.github.rela.streams.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.rela.schemas.testing.ApicurioRegistry;
import io.github.rela.streams.local.EmbeddedKafkaBroker;
import io.github.rela.streams.local.LocalEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The readers against {@code rela run} on an external broker and an external registry, Apicurio
 * Registry 2.6 through its Confluent-compatible API: the app end to end, not only the serdes.
 */
class ApicurioReadersIntegrationTest extends ThirdPartyReaders {

  private EmbeddedKafkaBroker broker;
  private ApicurioRegistry registry;

  @Override
  Map<String, String> services() throws Exception {
    Path home = Path.of(System.getProperty("apicurio.home", "../schemas/target/apicurio"));
    assumeTrue(
        Files.isDirectory(home),
        home + " is missing: the schemas module's integration tests unpack Apicurio there");
    broker = new EmbeddedKafkaBroker(dir.resolve("broker"), 0).start();
    registry = ApicurioRegistry.start();
    return Map.of(
        "bootstrap.servers", broker.bootstrapServers(),
        "schema.registry.url", registry.confluentApiUrl(),
        "state.dir", dir.resolve("state").toString());
  }

  @Override
  LocalEndpoints endpoints(AppProcess app) {
    return new LocalEndpoints(broker.bootstrapServers(), registry.confluentApiUrl());
  }

  @Override
  void stopServices() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
