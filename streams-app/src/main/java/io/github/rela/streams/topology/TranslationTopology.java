package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.streams.inference.TranslatorRegistry;
import io.github.rela.streams.retry.Retrier;
import io.github.rela.streams.retry.RetryingSerializer;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The streaming translation topology, shared by {@code rela run} and the tests:
 *
 * <pre>
 * requests --> validate --+--> translate-batch --+--> results
 *                         |   (buffer store)     +--> low-confidence
 *                         +--> dead-letter &lt;------+
 * </pre>
 *
 * The topics and their serdes come from {@link Topics}, the settings from {@link TopologySettings}.
 */
public final class TranslationTopology {

  private TranslationTopology() {}

  /**
   * Builds the topology; request deserializers are created once per task by the supplier. The
   * topology is made from the application's Kafka Streams settings ({@code streamsProperties}), so
   * that settings a topology reads itself (its processing exception handler among them) are the
   * application's rather than Kafka Streams' defaults.
   */
  public static Topology build(
      TopologySettings settings,
      Topics topics,
      Supplier<Deserializer<TranslationRequest>> requestDeserializers,
      TranslatorRegistry registry,
      Properties streamsProperties) {
    Topology topology = new Topology(new TopologyConfig(new StreamsConfig(streamsProperties)));
    topology.addSource(
        TopologyNames.SOURCE,
        topics.requests().keySerde().deserializer(),
        topics.requests().valueSerde().deserializer(),
        topics.requests().name());
    topology.addProcessor(
        TopologyNames.VALIDATOR,
        () ->
            new RequestValidator(
                requestDeserializers,
                registry.pairs(),
                settings.defaultPair(),
                settings.maxSourceChars(),
                settings.retry()),
        TopologyNames.SOURCE);
    topology.addProcessor(
        TopologyNames.BATCHER,
        () ->
            new MicroBatcher(
                registry,
                settings.defaultPair(),
                settings.batchSize(),
                settings.linger(),
                settings.rules(),
                settings.lowConfidenceToBoth(),
                settings.retry()),
        TopologyNames.VALIDATOR);
    topology.addStateStore(bufferStore(), TopologyNames.BATCHER);
    // Sinks have no processor context, hence no metrics: their retries show in the log only.
    Retrier sinkRetrier = new Retrier(settings.retry(), fault -> {});
    Serializer<Outcome> results =
        new OutcomeSerializer<>(
            Outcome.Translated.class,
            Outcome.Translated::result,
            new RetryingSerializer<>(topics.results().valueSerde().serializer(), sinkRetrier));
    Serializer<Outcome> lowConfidence =
        new OutcomeSerializer<>(
            Outcome.Translated.class,
            Outcome.Translated::result,
            new RetryingSerializer<>(
                topics.lowConfidence().valueSerde().serializer(), sinkRetrier));
    Serializer<Outcome> deadLetters =
        new OutcomeSerializer<>(
            Outcome.Rejected.class,
            Outcome.Rejected::letter,
            new RetryingSerializer<>(topics.deadLetter().valueSerde().serializer(), sinkRetrier));
    addSink(topology, TopologyNames.RESULTS_SINK, topics.results(), results, TopologyNames.BATCHER);
    addSink(
        topology,
        TopologyNames.LOW_CONFIDENCE_SINK,
        topics.lowConfidence(),
        lowConfidence,
        TopologyNames.BATCHER);
    addSink(
        topology,
        TopologyNames.DEAD_LETTER_SINK,
        topics.deadLetter(),
        deadLetters,
        TopologyNames.VALIDATOR,
        TopologyNames.BATCHER);
    return topology;
  }

  /** A sink of {@code topic} whose values are the outcomes {@code values} unwraps. */
  private static <K> void addSink(
      Topology topology,
      String name,
      Topic<K, ?> topic,
      Serializer<Outcome> values,
      String... parents) {
    topology.addSink(name, topic.name(), topic.keySerde().serializer(), values, parents);
  }

  /** Persistent and changelogged; no cache, so every put reaches the changelog in order. */
  private static StoreBuilder<KeyValueStore<Long, BufferedRequest>> bufferStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TopologyNames.BUFFER_STORE),
            Serdes.Long(),
            new BufferedRequestSerde())
        .withCachingDisabled()
        .withLoggingEnabled(java.util.Map.of());
  }
}
