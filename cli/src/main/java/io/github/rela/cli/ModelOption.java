package io.github.rela.cli;

import io.github.rela.model.checkpoint.CheckpointException;
import io.github.rela.model.checkpoint.DefaultModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model DIR}, one checkpoint, for every command that loads one. */
public final class ModelOption {

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Model: checkpoint directory (config.json, weights, tokenizer, manifest); default: the"
              + " shipped model in models/.")
  private Path model;

  /** The named checkpoint, or the shipped one. */
  Path checkpoint() throws CheckpointException {
    return model != null ? model : DefaultModel.checkpoint();
  }

  /** The named checkpoint; null when none was given. */
  Path named() {
    return model;
  }
}
