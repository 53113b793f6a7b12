package io.github.rela.model.decoding;

import ai.djl.training.ParameterStore;
import io.github.rela.model.transformer.EncoderOutput;
import io.github.rela.model.transformer.TargetVocabulary;
import io.github.rela.model.transformer.Transformer;

/** How each decoding step obtains the next-token scores. */
public enum StepMode {
  /**
   * One new position per step, with the decoder self-attention keys and values cached and the
   * cross-attention keys and values projected once per source.
   */
  INCREMENTAL,
  /**
   * The whole prefix is decoded again at every step, memory projection included: the cost of
   * decoding without any cache, kept as the baseline of the benchmark and the reference of the
   * tests.
   */
  RECOMPUTE;

  /**
   * Opens a session over {@code encoded}'s sources with {@code groupSize} rows per source, scoring
   * the whole target vocabulary.
   */
  public DecodingSession open(
      Transformer model, ParameterStore parameterStore, EncoderOutput encoded, int groupSize) {
    return open(
        model,
        parameterStore,
        encoded,
        groupSize,
        TargetVocabulary.all(model.config().targetVocabSize()));
  }

  /** Opens a session whose steps score only {@code vocabulary}'s pieces. */
  public DecodingSession open(
      Transformer model,
      ParameterStore parameterStore,
      EncoderOutput encoded,
      int groupSize,
      TargetVocabulary vocabulary) {
    return this == INCREMENTAL
        ? new IncrementalSession(model, parameterStore, encoded, groupSize, vocabulary)
        : new RecomputeSession(model, parameterStore, encoded, groupSize, vocabulary);
  }
}
