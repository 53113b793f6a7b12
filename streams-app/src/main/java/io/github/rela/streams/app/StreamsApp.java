package io.github.rela.streams.app;

import io.github.rela.model.engine.EngineThreads;
import io.github.rela.streams.inference.CheckpointRegistry;
import io.github.rela.streams.inference.ReloadTrigger;
import io.github.rela.streams.metrics.ServingModelMetrics;
import io.github.rela.streams.retry.RetryLimitExceededException;
import io.github.rela.streams.retry.RetryPolicy;
import io.github.rela.streams.retry.ThreadFailures;
import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.topology.AppSerdes;
import io.github.rela.streams.topology.Topics;
import io.github.rela.streams.topology.TopologySettings;
import io.github.rela.streams.topology.TranslationTopology;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the models and the topology in a {@link KafkaStreams} instance. Shared
 * by {@code rela run}, {@code rela demo}, the load test and the integration tests.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private final AppSettings settings;
  private final Topics topics;
  private final CheckpointRegistry models;
  private final ServingModelMetrics modelMetrics;
  private final Optional<ReloadTrigger> reloads;
  private final KafkaStreams streams;
  private final ReadinessFile readiness;
  private final List<Runnable> errorListeners = new CopyOnWriteArrayList<>();
  private final ThreadFailures threadFailures;
  private volatile Throwable failure;

  private StreamsApp(
      AppSettings settings,
      Topics topics,
      CheckpointRegistry models,
      ServingModelMetrics modelMetrics,
      Optional<ReloadTrigger> reloads,
      KafkaStreams streams) {
    this.settings = settings;
    this.topics = topics;
    this.models = models;
    this.modelMetrics = modelMetrics;
    this.reloads = reloads;
    this.streams = streams;
    this.readiness = new ReadinessFile(streams);
    this.threadFailures = new ThreadFailures(RetryPolicy.from(settings.rela()));
    streams.setUncaughtExceptionHandler(this::onThreadFailure);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            threadFailures.recovered();
          }
          if (now == KafkaStreams.State.ERROR) {
            errorListeners.forEach(Runnable::run);
          }
        });
  }

  /**
   * A stream thread that the Kafka clients failed is replaced ({@link ThreadFailures}); any other
   * failure stops the whole application with one line that names the innermost cause, e.g. a
   * transient fault that outlasted {@code rela.retry.max.ms}.
   */
  private StreamThreadExceptionResponse onThreadFailure(Throwable e) {
    StreamThreadExceptionResponse response = threadFailures.handle(e);
    if (response == StreamThreadExceptionResponse.SHUTDOWN_CLIENT) {
      failure = e;
      LOG.error("Stopping: {}", rootCause(e).getMessage(), e);
    }
    return response;
  }

  /** What stopped the application, if a stream thread failed. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure).map(e -> rootCause(e).toString());
  }

  /** The innermost exception that says why; Kafka Streams wraps it in its own. */
  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof RetryLimitExceededException) {
        return root;
      }
      root = root.getCause();
    }
    return root;
  }

  /** Runs {@code listener} when Kafka Streams fails for good (state ERROR), or now if it has. */
  public void onError(Runnable listener) {
    errorListeners.add(listener);
    if (streams.state() == KafkaStreams.State.ERROR) {
      listener.run();
    }
  }

  /**
   * Config, models, topology, {@link KafkaStreams}: the returned app is running (or rebalancing
   * into running). {@code settings} name the cluster; see {@code LocalMode} for running without
   * one.
   */
  public static StreamsApp start(AppSettings settings) {
    // PyTorch reads its thread counts once, when the engine starts: when the models load below.
    EngineThreads.configure(settings.decodeThreads());
    TopologySettings topologySettings = TopologySettings.from(settings.rela());
    CheckpointRegistry models =
        new CheckpointRegistry(
            topologySettings.modelsDir(),
            topologySettings.decoding(),
            topologySettings.batchSize());
    ServingModelMetrics modelMetrics = new ServingModelMetrics();
    models.addListener(modelMetrics);
    Optional<ReloadTrigger> reloads = Optional.empty();
    try {
      AppSerdes serdes = new AppSerdes(settings);
      Topics topics = Topics.of(settings.rela(), serdes);
      Topology topology =
          TranslationTopology.build(
              topologySettings,
              topics,
              serdes.requestDeserializers(),
              models,
              settings.streamsProperties());
      KafkaStreams streams = new KafkaStreams(topology, settings.streamsProperties());
      reloads = reloads(topologySettings, models);
      StreamsApp app = new StreamsApp(settings, topics, models, modelMetrics, reloads, streams);
      streams.start();
      LOG.info(
          "Translating {} -> {} on {} (schema registry {})",
          topics.requests().name(),
          topics.results().name(),
          settings.kafka().get("bootstrap.servers"),
          settings.kafka().get("schema.registry.url"));
      return app;
    } catch (RuntimeException e) {
      reloads.ifPresent(ReloadTrigger::close);
      modelMetrics.close();
      models.close();
      throw e;
    }
  }

  /** The hot swap's trigger file watch, unless the interval is zero. */
  private static Optional<ReloadTrigger> reloads(
      TopologySettings settings, CheckpointRegistry models) {
    if (settings.reloadInterval().isZero()) {
      return Optional.empty();
    }
    return Optional.of(new ReloadTrigger(settings.modelsDir(), models, settings.reloadInterval()));
  }

  /** The settings it runs with. */
  public AppSettings settings() {
    return settings;
  }

  /** The topics, named as configured. */
  public Topics topics() {
    return topics;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The models, by language pair; {@link CheckpointRegistry#reload} swaps them. */
  public CheckpointRegistry models() {
    return models;
  }

  /** Which model serves each pair, and the swaps and refusals so far. */
  public ServingModelMetrics modelMetrics() {
    return modelMetrics;
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
    reloads.ifPresent(ReloadTrigger::close);
    // Leaving the group hands this instance's partitions to the others at once, and lets a
    // restarted instance (e.g. the next `rela demo`) join at once too: a member that stays in the
    // group is only dropped when its session times out (45 s), and nothing is translated until
    // then.
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    models.close();
    modelMetrics.close();
  }
}
