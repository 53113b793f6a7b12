package io.github.rela.cli;

import picocli.CommandLine.Option;

/** {@code --batch}, for every command that decodes in batches. */
public final class BatchOption {

  @Option(
      names = "--batch",
      defaultValue = "32",
      paramLabel = "N",
      description = "Data: sentences per batch.")
  private int batch;

  int value() {
    return batch;
  }
}
