package io.github.rela.model.checkpoint;

import io.github.rela.model.config.ModelConfig;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The content of a checkpoint's {@code config.json}: everything needed to rebuild the model and its
 * tokenizers, and to know what it was trained on.
 *
 * @param formatVersion version of the checkpoint layout, {@link #FORMAT_VERSION}
 * @param architecture model family, {@link #ARCHITECTURE}
 * @param model the architecture, including the three attention kinds
 * @param tokenizer SentencePiece model files and special ids
 * @param sourceLanguage source language code, e.g. {@code de}
 * @param targetLanguage target language code, e.g. {@code en}
 * @param weightsFile file name of the weights, {@link #WEIGHTS_FILE}
 * @param weightsDtype on-disk dtype of the weights
 * @param training free-form training metadata (steps, data, scores, timings)
 */
public record CheckpointConfig(
    int formatVersion,
    String architecture,
    ModelConfig model,
    TokenizerSpec tokenizer,
    String sourceLanguage,
    String targetLanguage,
    String weightsFile,
    WeightsDtype weightsDtype,
    Map<String, Object> training) {
  public static final int FORMAT_VERSION = 1;
  public static final String ARCHITECTURE = "rela-transformer";
  public static final String WEIGHTS_FILE = "model.safetensors";

  public CheckpointConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(sourceLanguage, "source_language");
    Objects.requireNonNull(targetLanguage, "target_language");
    Objects.requireNonNull(weightsFile, "weights_file");
    Objects.requireNonNull(weightsDtype, "weights_dtype");
    training = training == null ? Map.of() : new TreeMap<>(training);
    if (model.padId() != tokenizer.padId()) {
      throw new IllegalArgumentException(
          "model pad_id " + model.padId() + " differs from tokenizer pad_id " + tokenizer.padId());
    }
  }

  /** A current-format configuration with the default weights file name. */
  public static CheckpointConfig of(
      ModelConfig model,
      TokenizerSpec tokenizer,
      String sourceLanguage,
      String targetLanguage,
      WeightsDtype weightsDtype,
      Map<String, Object> training) {
    return new CheckpointConfig(
        FORMAT_VERSION,
        ARCHITECTURE,
        model,
        tokenizer,
        sourceLanguage,
        targetLanguage,
        WEIGHTS_FILE,
        weightsDtype,
        training);
  }
}
