package io.github.rela.streams.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
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
