package io.github.rela.cli;

import io.github.rela.streams.settings.AppSettings;
import io.github.rela.streams.settings.ConfigLoader;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that {@code rela run} and {@code rela demo} share: where settings come from. Without
 * {@code --bootstrap-servers} and {@code --schema-registry-url} (or their settings), local mode
 * starts an embedded broker and registry.
 */
public final class RunOptions {

  @Mixin ConfigOption config;

  @Mixin ClusterOptions cluster;

  @Option(names = "--models", paramLabel = "DIR", description = "Models directory.")
  Path models;

  /** The layered settings with these flags on top. */
  AppSettings settings() {
    Map<String, String> overrides = new LinkedHashMap<>();
    cluster.clientSettings().forEach((k, v) -> overrides.put(k, v.toString()));
    if (models != null) {
      overrides.put(RelaStreamsConfig.MODELS_DIR, models.toString());
    }
    return ConfigLoader.load(config.file(), System.getenv(), overrides);
  }
}
