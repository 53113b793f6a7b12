package io.github.rela.streams.local;

import io.github.rela.schemas.registry.FileSchemaRegistry;
import io.github.rela.schemas.registry.server.RegistryServer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry of the embedded mode: a {@link FileSchemaRegistry} in {@code var/registry}
 * (beside the broker's {@code var/kafka}) served over Confluent's REST API on 127.0.0.1:8081, or a
 * free port when that is taken. Serdes in this JVM use it directly through its URL; other processes
 * (third-party readers, {@code rela replay}) over HTTP.
 */
public final class EmbeddedRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);

  private final FileSchemaRegistry registry;
  private final RegistryServer server;

  private EmbeddedRegistry(FileSchemaRegistry registry, RegistryServer server) {
    this.registry = registry;
    this.server = server;
  }

  /**
   * Opens the registry kept beside {@code brokerDataDir} and serves it.
   *
   * @param preferredPort the port to try first; 0 for any free port
   */
  public static EmbeddedRegistry start(Path brokerDataDir, int preferredPort) {
    Path directory = brokerDataDir.toAbsolutePath().resolveSibling("registry");
    FileSchemaRegistry registry = FileSchemaRegistry.open(directory);
    RegistryServer server = RegistryServer.start(registry, preferredPort);
    if (preferredPort != 0 && server.port() != preferredPort) {
      LOG.info("Port {} is taken; the schema registry listens on {}", preferredPort, server.port());
    }
    LOG.info("Schema registry serving on {} (schemas in {})", server.url(), registry.file());
    return new EmbeddedRegistry(registry, server);
  }

  /** The {@code schema.registry.url} value for clients. */
  public String url() {
    return server.url();
  }

  public FileSchemaRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    server.close();
  }
}
