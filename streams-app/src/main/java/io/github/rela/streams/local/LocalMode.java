package io.github.rela.streams.local;

import io.github.rela.model.checkpoint.DefaultModel;
import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.MockSchemaRegistry;
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
 * What {@code rela run} and {@code rela demo} add around the application so that it runs without a
 * cluster: without {@code bootstrap.servers}, a real single-node broker in this JVM (data in {@code
 * rela.embedded.data.dir}) with an in-memory schema registry; in either case the missing topics
 * (single replica) and, for an in-memory registry, the schemas registered up front.
 */
public final class LocalMode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);
  private static final String EMBEDDED_REGISTRY = "mock://rela";
  private static final int EMBEDDED_PORT = 9092;

  private final AppSettings settings;
  private final EmbeddedKafkaBroker broker;

  private LocalMode(AppSettings settings, EmbeddedKafkaBroker broker) {
    this.settings = settings;
    this.broker = broker;
  }

  /** Starts the embedded broker when no cluster is configured, then creates the topics. */
  public static LocalMode prepare(AppSettings configured) {
    EmbeddedKafkaBroker broker = null;
    try {
      AppSettings settings = configured;
      if (!configured.hasBootstrapServers()) {
        Path dataDir =
            Path.of(System.getProperty(DefaultModel.HOME_PROPERTY, "."))
                .resolve(configured.rela().getString(RelaStreamsConfig.EMBEDDED_DATA_DIR));
        broker = new EmbeddedKafkaBroker(dataDir, embeddedPort()).start();
        settings = configured.withBootstrapServers(broker.bootstrapServers());
        if (!settings.kafka().containsKey("schema.registry.url")) {
          settings = settings.with("schema.registry.url", EMBEDDED_REGISTRY);
        }
      }
      createTopics(settings);
      registerInMemorySchemas(settings);
      return new LocalMode(settings, broker);
    } catch (RuntimeException e) {
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  /** The settings to run with: the embedded broker's address and registry when it runs. */
  public AppSettings settings() {
    return settings;
  }

  public Optional<EmbeddedKafkaBroker> broker() {
    return Optional.ofNullable(broker);
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }

  private static int embeddedPort() {
    try (var probe = new ServerSocket(EMBEDDED_PORT, 1, InetAddress.getLoopbackAddress())) {
      return EMBEDDED_PORT;
    } catch (IOException busy) {
      int port = FreePorts.pick();
      LOG.warn("Port {} is taken; the embedded broker listens on {}", EMBEDDED_PORT, port);
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
   * The in-memory registry starts empty in each JVM while the embedded broker keeps its records:
   * register our schemas up front so records written by an earlier run stay readable.
   */
  private static void registerInMemorySchemas(AppSettings settings) {
    Object url = settings.kafka().get("schema.registry.url");
    if (url == null || !url.toString().startsWith("mock://")) {
      return;
    }
    var registry = MockSchemaRegistry.forScope(url.toString().substring("mock://".length()));
    List<String> topics = settings.rela().allTopics();
    registry.register(Subjects.of(topics.get(0), false), TranslationRequest.getClassSchema());
    registry.register(Subjects.of(topics.get(1), false), TranslationResult.getClassSchema());
    registry.register(Subjects.of(topics.get(2), false), TranslationResult.getClassSchema());
    registry.register(Subjects.of(topics.get(3), false), DeadLetter.getClassSchema());
  }
}
