package io.github.rela.streams.settings;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings rela starts from; every one can be overridden.
 *
 * <p>Decoding a batch blocks the stream thread, so the settings that bound how long a thread may go
 * without polling or committing are raised: a batch of {@code rela.batch.size} requests must be
 * translated well within {@code max.poll.interval.ms} and, under exactly-once, within the
 * producer's {@code transaction.timeout.ms} (10 s by default in Kafka Streams, too short for a
 * large beam on a CPU).
 *
 * <p>Decoding is also what takes the cores: one stream thread per core, each decoding its tasks'
 * batches with one engine thread ({@link AppSettings#decodeThreads}), keeps every core busy where
 * Kafka Streams' one thread would leave all but one idle.
 */
final class StreamsDefaults {

  private StreamsDefaults() {}

  static Map<String, Object> values() {
    return Map.of(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        Integer.toString(streamThreads(Runtime.getRuntime().availableProcessors())),
        StreamsConfig.APPLICATION_ID_CONFIG,
        "rela-translator",
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
        Serdes.ByteArraySerde.class.getName(),
        StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG,
        Serdes.ByteArraySerde.class.getName(),
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        "60000",
        StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
        "300000",
        StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
        "256",
        // What Kafka 5.0 will do by default; unset, Kafka Streams warns at every start.
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG,
        "true",
        // The same for the main consumer's partition assignor, which builds its own StreamsConfig
        // from the consumer's settings only (ClientUtils.QuietStreamsConfig) and warns otherwise.
        StreamsConfig.mainConsumerPrefix(
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
        "true");
  }

  /** One stream thread per core. */
  static int streamThreads(int cores) {
    return Math.max(1, cores);
  }
}
