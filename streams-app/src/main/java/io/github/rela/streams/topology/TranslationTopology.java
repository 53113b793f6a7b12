package io.github.rela.streams.topology;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import io.github.rela.schemas.avro.TranslationResult;
import io.github.rela.streams.config.RelaStreamsConfig;
import io.github.rela.streams.translate.LanguagePair;
import io.github.rela.streams.translate.TranslatorRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
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
 * Keys are passed through as bytes, untouched; values are read by the request deserializer and
 * written by the result and dead-letter serializers the caller supplies (normally built from {@link
 * AppSerdes}).
 */
public final class TranslationTopology {

  private TranslationTopology() {}

  /** Builds the topology; serializers are created once per task through the suppliers. */
  public static Topology build(
      RelaStreamsConfig config,
      Supplier<Deserializer<TranslationRequest>> requestDeserializers,
      Serializer<TranslationResult> resultSerializer,
      Serializer<DeadLetter> deadLetterSerializer,
      TranslatorRegistry registry) {
    LanguagePair defaultPair =
        LanguagePair.parse(config.getString(RelaStreamsConfig.DEFAULT_LANGUAGE_PAIR));
    int batchSize = config.getInt(RelaStreamsConfig.BATCH_SIZE);
    Duration linger = Duration.ofMillis(config.getLong(RelaStreamsConfig.BATCH_LINGER_MS));
    LowConfidenceRules rules = LowConfidenceRules.from(config);
    boolean toBoth =
        RelaStreamsConfig.ROUTING_BOTH.equals(
            config.getString(RelaStreamsConfig.LOW_CONFIDENCE_ROUTING));
    int maxChars = config.getInt(RelaStreamsConfig.MAX_SOURCE_CHARS);

    Topology topology = new Topology();
    topology.addSource(
        TopologyNames.SOURCE,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        config.getString(RelaStreamsConfig.REQUESTS_TOPIC));
    topology.addProcessor(
        TopologyNames.VALIDATOR,
        () -> new RequestValidator(requestDeserializers, registry.pairs(), defaultPair, maxChars),
        TopologyNames.SOURCE);
    topology.addProcessor(
        TopologyNames.BATCHER,
        () -> new MicroBatcher(registry, defaultPair, batchSize, linger, rules, toBoth),
        TopologyNames.VALIDATOR);
    topology.addStateStore(bufferStore(), TopologyNames.BATCHER);
    topology.addSink(
        TopologyNames.RESULTS_SINK,
        config.getString(RelaStreamsConfig.RESULTS_TOPIC),
        new ByteArraySerializer(),
        resultSerializer,
        TopologyNames.BATCHER);
    topology.addSink(
        TopologyNames.LOW_CONFIDENCE_SINK,
        config.getString(RelaStreamsConfig.LOW_CONFIDENCE_TOPIC),
        new ByteArraySerializer(),
        resultSerializer,
        TopologyNames.BATCHER);
    topology.addSink(
        TopologyNames.DEAD_LETTER_SINK,
        config.getString(RelaStreamsConfig.DEAD_LETTER_TOPIC),
        new ByteArraySerializer(),
        deadLetterSerializer,
        TopologyNames.VALIDATOR,
        TopologyNames.BATCHER);
    return topology;
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
