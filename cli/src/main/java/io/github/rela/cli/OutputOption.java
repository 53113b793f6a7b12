package io.github.rela.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --output DIR}: where a command writes what it makes. */
public final class OutputOption {

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description =
          "Output directory: the checkpoint (export), the run (train; default: the recipe's"
              + " 'output'), comparison.md, comparison.json and the PNGs (compare).")
  private Path output;

  /** Null where the command has no default and none was given. */
  Path directory() {
    return output;
  }
}
