package io.github.rela.streams.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The application's settings after layering: ours, validated, and the Kafka settings that go to
 * Kafka Streams (and through it to its clients) unchanged.
 */
public record AppSettings(RelaStreamsConfig rela, Map<String, Object> kafka) {

  public AppSettings {
    kafka = Map.copyOf(kafka);
  }

  /**
   * The properties to hand to {@code new KafkaStreams(topology, properties)}, validated by Kafka
   * Streams itself so that a bad value fails at start-up with the key named.
   */
  public Properties streamsProperties() {
    Properties properties = new Properties();
    properties.putAll(kafka);
    new StreamsConfig(properties);
    return properties;
  }

  /**
   * Kafka Streams' {@code num.stream.threads}: by default one per core ({@link StreamsDefaults}),
   * Kafka Streams' own 1 where unset; read before the cluster is known.
   */
  public int streamThreads() {
    Object threads = kafka.getOrDefault(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    return (Integer)
        ConfigDef.parseType(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads, ConfigDef.Type.INT);
  }

  /**
   * The PyTorch intra-op threads to decode with, one setting for the whole process. Several stream
   * threads each decode their own batches, so each gets one engine thread and together they use the
   * cores without oversubscribing them. A single stream thread gets one fewer than the cores: left
   * to itself PyTorch takes every core, and its last worker then competes with the broker and the
   * Kafka clients more than it helps (on 2 cores, at 1.5x the model's speed, the topology delivered
   * 43.2 results/s with 2 threads and 50.1 with 1; {@code rela bench-stream}, README).
   */
  public int decodeThreads() {
    return decodeThreads(
        rela.getInt(RelaStreamsConfig.DECODE_THREADS),
        streamThreads(),
        Runtime.getRuntime().availableProcessors());
  }

  /** {@code configured} when set (above 0), else what {@link #decodeThreads()} describes. */
  static int decodeThreads(int configured, int streamThreads, int cores) {
    if (configured > 0) {
      return configured;
    }
    return streamThreads > 1 ? 1 : Math.max(1, cores - 1);
  }

  /** The same settings with one Kafka or serde setting replaced. */
  public AppSettings with(String key, Object value) {
    Map<String, Object> changed = new HashMap<>(kafka);
    changed.put(key, value);
    return new AppSettings(rela, changed);
  }

  /** The same settings pointed at another broker, e.g. the embedded one. */
  public AppSettings withBootstrapServers(String servers) {
    return with(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
  }

  /** Whether the user named a broker; without one the application starts its embedded broker. */
  public boolean hasBootstrapServers() {
    Object servers = kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return servers != null && !servers.toString().isBlank();
  }
}
