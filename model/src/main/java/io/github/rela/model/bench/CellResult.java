package io.github.rela.model.bench;

import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.decoding.StepMode;

/**
 * One measurement of one model: the median of its timed batches.
 *
 * @param kind the attention function of the model
 * @param shortlistPieces pieces of the vocabulary shortlist the output layer scored; 0 for all
 * @param beamSize 1 for greedy
 * @param batchSize sentences per batch
 * @param mode incremental or recomputing
 * @param sentences sentences of the batch
 * @param targetTokens target tokens the batch generated (final hypotheses, EOS excluded)
 * @param seconds seconds the median batch took
 * @param flops analytic FLOPs of the batch
 */
public record CellResult(
    AttentionKind kind,
    int shortlistPieces,
    int beamSize,
    int batchSize,
    StepMode mode,
    long sentences,
    long targetTokens,
    double seconds,
    double flops) {

  public double sentencesPerSecond() {
    return sentences / seconds;
  }

  public double tokensPerSecond() {
    return targetTokens / seconds;
  }

  public double gflops() {
    return flops / seconds / 1e9;
  }
}
