package io.github.rela.cli;

import io.github.rela.streams.config.AppSettings;
import io.github.rela.streams.config.ConfigLoader;
import io.github.rela.streams.config.RelaStreamsConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that {@code rela run} and {@code rela demo} share: where settings come from. */
public final class RunOptions {

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file.")
  Path config;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka brokers; without them an embedded broker starts in this JVM.")
  String bootstrapServers;

  @Option(names = "--models", paramLabel = "DIR", description = "Models directory.")
  Path models;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Any setting, e.g. --set rela.batch.size=16 --set security.protocol=SSL.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** The layered settings with these flags on top. */
  AppSettings settings() {
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    if (bootstrapServers != null) {
      overrides.put("bootstrap.servers", bootstrapServers);
    }
    if (models != null) {
      overrides.put(RelaStreamsConfig.MODELS_DIR, models.toString());
    }
    return ConfigLoader.load(config, System.getenv(), overrides);
  }
}
