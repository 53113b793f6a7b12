package io.github.rela.cli;

import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * {@code --threads}, for every command that runs the engine; a command with another default names
 * it in {@link OptionDefaults}.
 */
public final class ThreadsOption {

  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      showDefaultValue = Visibility.NEVER,
      description =
          "Device: PyTorch intra-op threads; 0 keeps the engine's default. Default: 0 (compare:"
              + " 1, which keeps the speed ratios free of thread contention; train: the"
              + " recipe's).")
  private Integer threads;

  /** Null only where a command's default is "unset" (train: the recipe's). */
  Integer value() {
    return threads;
  }
}
