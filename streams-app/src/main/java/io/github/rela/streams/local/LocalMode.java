package io.github.rela.streams.local;

import io.github.rela.model.checkpoint.DefaultModel;
import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.MockSchemaRegistry;
import io.github.rela.schemas.registry.SchemaRegistryClient;
import io.github.rela.schemas.registry.server.RegistryServer;
import io.github.rela.schemas.serde.Subjects;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code rela run}, {@code rela demo} and {@code rela bench-stream} add around the application
 * so that it runs without a cluster: without {@code bootstrap.servers}, a real single-node broker
 * in this JVM (data in {@code rela.embedded.data.dir}, by default {@code var/kafka}) with a schema
 * registry served on 127.0.0.1:8081 (schemas in {@code var/registry}) and Kafka Streams state in
 * {@code var/streams}, both advertised in {@code var/endpoints.properties} for the other commands;
 * in either case the missing topics (single replica) and, for a registry of this JVM, the schemas
 * registered up front.
 */
public final class LocalMode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);

  private final AppSettings settings;
  private final EmbeddedKafkaBroker broker;
  private final EmbeddedRegistry registry;

  private LocalMode(AppSettings settings, EmbeddedKafkaBroker broker, EmbeddedRegistry registry) {
    this.settings = settings;
    this.broker = broker;
    this.registry = registry;
  }

  /**
   * Starts the embedded broker and registry when no cluster is configured, creates the topics and
   * advertises the embedded endpoints.
   */
  public static LocalMode prepare(AppSettings configured) {
    EmbeddedKafkaBroker broker = null;
    EmbeddedRegistry registry = null;
    try {
      AppSettings settings = configured;
      if (!configured.hasBootstrapServers()) {
        Path dataDir =
            Path.of(System.getProperty(DefaultModel.HOME_PROPERTY, "."))
                .resolve(configured.rela().getString(RelaStreamsConfig.EMBEDDED_DATA_DIR));
        broker =
            new EmbeddedKafkaBroker(
                    dataDir,
                    embeddedPort(configured.rela().getInt(RelaStreamsConfig.EMBEDDED_PORT)))
                .start();
        settings = configured.withBootstrapServers(broker.bootstrapServers());
        if (!settings.kafka().containsKey("state.dir")) {
          // Beside the broker's data: deleting var/ then starts both afresh, consistently.
          settings = settings.with("state.dir", dataDir.resolveSibling("streams").toString());
        }
        if (!settings.kafka().containsKey("schema.registry.url")) {
          registry = EmbeddedRegistry.start(dataDir, RegistryServer.DEFAULT_PORT);
          settings = settings.with("schema.registry.url", registry.url());
        }
      }
      createTopics(settings);
      registerSchemasUpFront(settings, registry);
      LocalMode local = new LocalMode(settings, broker, registry);
      if (broker != null) {
        local.endpoints().write(LocalEndpoints.fileBeside(broker.dataDir()));
      }
      return local;
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  /** The settings to run with: the embedded broker's address and registry when they run. */
  public AppSettings settings() {
    return settings;
  }

  public Optional<EmbeddedKafkaBroker> broker() {
    return Optional.ofNullable(broker);
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      endpoints().withdraw(LocalEndpoints.fileBeside(broker.dataDir()));
      broker.close();
    }
  }

  /** The broker and registry in effect, as other processes reach them. */
  private LocalEndpoints endpoints() {
    return new LocalEndpoints(
        settings.kafka().get("bootstrap.servers").toString(),
        String.valueOf(settings.kafka().get("schema.registry.url")));
  }

  /** {@code preferred} when it is free, else a free port; 0 stays 0 (the broker picks one). */
  private static int embeddedPort(int preferred) {
    if (preferred == 0) {
      return 0;
    }
    try (var probe = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
      return preferred;
    } catch (IOException busy) {
      int port = FreePorts.pick();
      LOG.info("Port {} is taken; the embedded broker listens on {}", preferred, port);
      return port;
    }
  }

  private static void createTopics(AppSettings settings) {
    ClusterAccess.check(settings.kafka());
    List<String> created =
        TopicCreator.createMissing(
            settings.kafka(),
            settings.rela().allTopics(),
            settings.rela().getInt(RelaStreamsConfig.TOPIC_PARTITIONS),
            (short) 1);
    if (!created.isEmpty()) {
      LOG.info("Created topics {}", created);
    }
  }

  /**
   * An in-memory registry starts empty in each JVM, and {@code var/registry} may be younger than
   * {@code var/kafka}, while the embedded broker keeps its records: register our schemas up front
   * (ids derive from the schema text) so records written by an earlier run stay readable.
   */
  private static void registerSchemasUpFront(AppSettings settings, EmbeddedRegistry embedded) {
    Object url = settings.kafka().get("schema.registry.url");
    SchemaRegistryClient registry;
    if (embedded != null) {
      registry = embedded.registry();
    } else if (url != null && url.toString().startsWith("mock://")) {
      registry = MockSchemaRegistry.forScope(url.toString().substring("mock://".length()));
    } else {
      return;
    }
    List<String> topics = settings.rela().allTopics();
    registry.register(Subjects.of(topics.get(0), false), TranslationRequest.getClassSchema());
    registry.register(Subjects.of(topics.get(1), false), TranslationResult.getClassSchema());
    registry.register(Subjects.of(topics.get(2), false), TranslationResult.getClassSchema());
    registry.register(Subjects.of(topics.get(3), false), DeadLetter.getClassSchema());
  }
}
