package io.github.rela.streams.app;

import io.github.rela.model.checkpoint.DefaultModel;
import io.github.rela.model.cli.EngineThreads;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.schemas.registry.MockSchemaRegistry;
import io.github.rela.schemas.registry.SchemaRegistryClient;
import io.github.rela.schemas.registry.server.RegistryServer;
import io.github.rela.schemas.serde.Subjects;
import io.github.rela.streams.config.AppSettings;
import io.github.rela.streams.config.RelaStreamsConfig;
import io.github.rela.streams.embedded.EmbeddedKafkaBroker;
import io.github.rela.streams.embedded.EmbeddedRegistry;
import io.github.rela.streams.embedded.FreePorts;
import io.github.rela.streams.embedded.LocalEndpoints;
import io.github.rela.streams.embedded.TopicCreator;
import io.github.rela.streams.topology.AppSerdes;
import io.github.rela.streams.topology.TranslationTopology;
import io.github.rela.streams.translate.CheckpointRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the models, the topology in a {@link KafkaStreams} instance and, when no
 * {@code bootstrap.servers} is configured, the embedded broker with a schema registry served on
 * 127.0.0.1:8081 (schemas kept in {@code var/registry}), advertised in {@code
 * var/endpoints.properties} for the other commands. Shared by {@code rela run}, {@code rela demo}
 * and the integration tests.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
  private static final int EMBEDDED_PORT = 9092;

  private final AppSettings settings;
  private final EmbeddedKafkaBroker broker;
  private final EmbeddedRegistry registry;
  private final CheckpointRegistry models;
  private final KafkaStreams streams;
  private final ReadinessFile readiness;
  private final List<Runnable> errorListeners = new CopyOnWriteArrayList<>();

  private StreamsApp(
      AppSettings settings,
      EmbeddedKafkaBroker broker,
      EmbeddedRegistry registry,
      CheckpointRegistry models,
      KafkaStreams streams) {
    this.settings = settings;
    this.broker = broker;
    this.registry = registry;
    this.models = models;
    this.streams = streams;
    this.readiness = new ReadinessFile(streams);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.ERROR) {
            errorListeners.forEach(Runnable::run);
          }
        });
  }

  /** Runs {@code listener} when Kafka Streams fails for good (state ERROR), or now if it has. */
  public void onError(Runnable listener) {
    errorListeners.add(listener);
    if (streams.state() == KafkaStreams.State.ERROR) {
      listener.run();
    }
  }

  /** Starts everything; the returned app is running (or rebalancing into running). */
  public static StreamsApp start(AppSettings configured) {
    // PyTorch reads its thread counts once, when the engine starts: when the models load below.
    EngineThreads.configure(configured.rela().decodeThreads());
    // The models first: a missing or broken checkpoint stops start-up before any broker work.
    CheckpointRegistry models =
        new CheckpointRegistry(modelsDir(configured), decoding(configured), batchSize(configured));
    EmbeddedKafkaBroker broker = null;
    EmbeddedRegistry registry = null;
    try {
      AppSettings settings = configured;
      if (!configured.hasBootstrapServers()) {
        Path dataDir =
            Path.of(System.getProperty(DefaultModel.HOME_PROPERTY, "."))
                .resolve(configured.rela().getString(RelaStreamsConfig.EMBEDDED_DATA_DIR));
        broker = new EmbeddedKafkaBroker(dataDir, embeddedPort()).start();
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
      registerEmbeddedSchemas(settings, registry);
      AppSerdes serdes = new AppSerdes(settings);
      Topology topology =
          TranslationTopology.build(
              settings.rela(),
              serdes.requestDeserializers(),
              serdes.resultSerde().serializer(),
              serdes.deadLetterSerde().serializer(),
              models);
      KafkaStreams streams = new KafkaStreams(topology, settings.streamsProperties());
      StreamsApp app = new StreamsApp(settings, broker, registry, models, streams);
      streams.start();
      if (broker != null) {
        app.endpoints().write(LocalEndpoints.fileBeside(broker.dataDir()));
      }
      LOG.info(
          "Translating {} -> {} on {} (schema registry {})",
          settings.rela().getString(RelaStreamsConfig.REQUESTS_TOPIC),
          settings.rela().getString(RelaStreamsConfig.RESULTS_TOPIC),
          settings.kafka().get("bootstrap.servers"),
          settings.kafka().get("schema.registry.url"));
      return app;
    } catch (RuntimeException e) {
      models.close();
      if (registry != null) {
        registry.close();
      }
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  /** The settings in effect, e.g. the embedded broker's address. */
  public AppSettings settings() {
    return settings;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public Optional<EmbeddedKafkaBroker> embeddedBroker() {
    return Optional.ofNullable(broker);
  }

  /** The broker and registry in effect, as other processes reach them. */
  public LocalEndpoints endpoints() {
    return new LocalEndpoints(
        settings.kafka().get("bootstrap.servers").toString(),
        String.valueOf(settings.kafka().get("schema.registry.url")));
  }

  /** Waits until the application is RUNNING. */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
        throw new IllegalStateException("Kafka Streams is " + streams.state() + ", not RUNNING");
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    readiness.close();
    streams.close(Duration.ofSeconds(30));
    models.close();
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      endpoints().withdraw(LocalEndpoints.fileBeside(broker.dataDir()));
      broker.close();
    }
  }

  private static int embeddedPort() {
    try (var probe =
        new java.net.ServerSocket(EMBEDDED_PORT, 1, java.net.InetAddress.getLoopbackAddress())) {
      return EMBEDDED_PORT;
    } catch (java.io.IOException busy) {
      int port = FreePorts.pick();
      LOG.info("Port {} is taken; the embedded broker listens on {}", EMBEDDED_PORT, port);
      return port;
    }
  }

  static Path modelsDir(AppSettings settings) {
    String configured = settings.rela().getString(RelaStreamsConfig.MODELS_DIR);
    return configured.isBlank() ? DefaultModel.directory() : Path.of(configured);
  }

  private static DecodingOptions decoding(AppSettings settings) {
    RelaStreamsConfig c = settings.rela();
    return DecodingOptions.defaults()
        .withBeamSize(c.getInt(RelaStreamsConfig.BEAM_SIZE))
        .withLengthPenalty(c.getDouble(RelaStreamsConfig.LENGTH_PENALTY).floatValue())
        .withMaxLength(
            c.getDouble(RelaStreamsConfig.MAX_LENGTH_RATIO).floatValue(),
            c.getInt(RelaStreamsConfig.MAX_LENGTH_OFFSET));
  }

  private static int batchSize(AppSettings settings) {
    return settings.rela().getInt(RelaStreamsConfig.BATCH_SIZE);
  }

  private static void createTopics(AppSettings settings) {
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
  private static void registerEmbeddedSchemas(AppSettings settings, EmbeddedRegistry embedded) {
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
