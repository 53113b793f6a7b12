package io.github.rela.cli;

import picocli.CommandLine.Option;

/** {@code --beam}, for every command that decodes. */
public final class BeamOption {

  @Option(
      names = "--beam",
      defaultValue = "4",
      paramLabel = "N",
      description = "Decoding: beam size; 1 is greedy search.")
  private int beam;

  int value() {
    return beam;
  }
}
