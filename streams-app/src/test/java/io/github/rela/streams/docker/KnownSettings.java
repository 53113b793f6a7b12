package io.github.rela.streams.docker;

import io.github.rela.schemas.serde.SerdeConfig;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings a {@code RELA_*} environment variable may name: ours ({@link
 * RelaStreamsConfig#DEFINITION}, which {@link ConfigLoader} enforces), Kafka Streams' and its
 * clients' (with or without Streams' per-client prefixes), and the serdes'. A variable outside
 * these is a typo that Kafka would ignore with a warning, or that {@code rela run} would refuse.
 */
final class KnownSettings {

  /** Settings Kafka Streams takes unprefixed: its own, its clients', the serdes'. */
  private static final Set<String> UNPREFIXED = unprefixed();

  /** Kafka Streams' prefixes that send a setting to one client or to the internal topics. */
  private static final Map<String, Set<String>> PREFIXED =
      Map.of(
          StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames(),
          StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configNames(),
          StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames(),
          StreamsConfig.TOPIC_PREFIX, topicConfigNames());

  private KnownSettings() {}

  /**
   * The {@code RELA_*} variables of an environment that name no known setting, each mapped to the
   * setting it would set; other variables (JAVA_OPTS, PATH) are not ours and are left out.
   */
  static Map<String, String> unknownVariables(Map<String, String> environment) {
    Map<String, String> unknown = new TreeMap<>();
    environment.forEach(
        (variable, value) ->
            ConfigLoader.fromEnvironment(Map.of(variable, value))
                .keySet()
                .forEach(
                    setting -> {
                      if (!isKnown(setting)) {
                        unknown.put(variable, setting);
                      }
                    }));
    return unknown;
  }

  static boolean isKnown(String setting) {
    if (setting.startsWith(RelaStreamsConfig.PREFIX)) {
      return RelaStreamsConfig.DEFINITION.names().contains(setting);
    }
    if (UNPREFIXED.contains(setting)) {
      return true;
    }
    return PREFIXED.entrySet().stream()
        .anyMatch(
            prefix ->
                setting.startsWith(prefix.getKey())
                    && prefix.getValue().contains(setting.substring(prefix.getKey().length())));
  }

  private static Set<String> unprefixed() {
    Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
    names.addAll(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    names.addAll(SerdeConfig.CONFIG_DEF.names());
    return Set.copyOf(names);
  }

  /** TopicConfig has no list of its names, only one constant per setting. */
  private static Set<String> topicConfigNames() {
    Set<String> names = new HashSet<>();
    for (Field field : TopicConfig.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG")) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("TopicConfig." + field.getName() + " is not public", e);
        }
      }
    }
    return Set.copyOf(names);
  }
}
