package io.github.rela.streams.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * Layers the configuration the way operators expect: defaults in code, then a properties file, then
 * environment variables, then command-line flags, each layer overriding the one before.
 *
 * <p>Environment variables follow the convention of Confluent's images, under one prefix so that
 * unrelated variables never leak in: {@code RELA_BATCH_SIZE} sets {@code rela.batch.size}, {@code
 * RELA_KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}. In the rest of the name a single
 * underscore becomes a dot, a double underscore an underscore and a triple underscore a dash.
 */
public final class ConfigLoader {

  public static final String ENV_PREFIX = "RELA_";
  public static final String ENV_KAFKA_PREFIX = "RELA_KAFKA_";

  /** Variables of the launcher and the training tools that share the prefix but are no setting. */
  static final Set<String> NOT_SETTINGS = Set.of("RELA_JAVA_OPTS", "RELA_DATA_DIR", "RELA_HOME");

  private ConfigLoader() {}

  /** The merged settings, validated; Kafka settings pass through untouched. */
  public static AppSettings load(
      Path propertiesFile, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, Object> merged = new TreeMap<>(StreamsDefaults.values());
    if (propertiesFile != null) {
      merged.putAll(readProperties(propertiesFile));
    }
    merged.putAll(fromEnvironment(environment));
    merged.putAll(overrides);
    rejectUnknownRelaKeys(merged);
    return new AppSettings(new RelaStreamsConfig(merged), kafkaSettings(merged));
  }

  /** Maps {@code RELA_*} variables to setting names; other variables are ignored. */
  public static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> settings = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (NOT_SETTINGS.contains(name)) {
            return;
          }
          if (name.startsWith(ENV_KAFKA_PREFIX)) {
            settings.put(toSettingName(name.substring(ENV_KAFKA_PREFIX.length())), value);
          } else if (name.startsWith(ENV_PREFIX)) {
            settings.put(
                RelaStreamsConfig.PREFIX + toSettingName(name.substring(ENV_PREFIX.length())),
                value);
          }
        });
    return settings;
  }

  /** The environment variable that sets a setting, the inverse of {@link #fromEnvironment}. */
  public static String environmentVariable(String setting) {
    boolean ours = setting.startsWith(RelaStreamsConfig.PREFIX);
    String name = ours ? setting.substring(RelaStreamsConfig.PREFIX.length()) : setting;
    String upper =
        name.replace("-", "___").replace("_", "__").replace(".", "_").toUpperCase(Locale.ROOT);
    return (ours ? ENV_PREFIX : ENV_KAFKA_PREFIX) + upper;
  }

  static String toSettingName(String variable) {
    return variable
        .toLowerCase(Locale.ROOT)
        .replace("___", "\u0000")
        .replace("__", "\u0001")
        .replace('_', '.')
        .replace('\u0001', '_')
        .replace('\u0000', '-');
  }

  private static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the configuration file " + file, e);
    }
    Map<String, String> settings = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    return settings;
  }

  /** A misspelt key of ours would silently fall back to its default: refuse it instead. */
  private static void rejectUnknownRelaKeys(Map<String, Object> merged) {
    for (String key : merged.keySet()) {
      if (key.startsWith(RelaStreamsConfig.PREFIX)
          && !RelaStreamsConfig.DEFINITION.names().contains(key)) {
        throw new ConfigException(
            key, merged.get(key), "unknown setting; the rela.* settings are listed in the README");
      }
    }
  }

  private static Map<String, Object> kafkaSettings(Map<String, Object> merged) {
    Map<String, Object> kafka = new TreeMap<>();
    merged.forEach(
        (key, value) -> {
          if (!key.startsWith(RelaStreamsConfig.PREFIX)) {
            kafka.put(key, value);
          }
        });
    return kafka;
  }
}
