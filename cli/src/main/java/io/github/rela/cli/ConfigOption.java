package io.github.rela.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: where a command's settings come from. */
public final class ConfigOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings: a properties file (run, demo) or the recipe, JSON (train).")
  private Path config;

  Path file() {
    return config;
  }
}
