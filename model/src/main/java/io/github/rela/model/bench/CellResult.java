package io.github.rela.model.bench;

import io.github.rela.model.config.AttentionKind;
import io.github.rela.model.decoding.StepMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One model's measurement in one cell: the median of its timed batches in its fastest round, and
 * every timed batch of all rounds for comparisons batch by batch ({@link PairedRatio}).
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
 * @param batchSeconds seconds of every timed batch, round after round, in the order decoded: entry
 *     i of every model of the cell is the same batch of sources
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
    double flops,
    List<Double> batchSeconds) {

  public CellResult {
    batchSeconds = List.copyOf(batchSeconds);
  }

  /**
   * This round's or {@code later}'s result, whichever has the faster median batch, with the timed
   * batches of both (this one's first).
   */
  CellResult withRound(CellResult later) {
    CellResult faster = seconds <= later.seconds ? this : later;
    List<Double> all = new ArrayList<>(batchSeconds);
    all.addAll(later.batchSeconds);
    return new CellResult(
        kind,
        shortlistPieces,
        beamSize,
        batchSize,
        mode,
        faster.sentences,
        faster.targetTokens,
        faster.seconds,
        faster.flops,
        all);
  }

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
