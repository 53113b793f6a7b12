package io.github.rela.model.bench;

import io.github.rela.model.config.AttentionKind;
import java.util.List;

/**
 * What {@code rela bench} measures.
 *
 * @param kinds attention functions to compare, each used in all three attention types
 * @param batchSizes sentences per batch
 * @param beamSize the beam of the beam-search rows (greedy rows are always measured)
 * @param recomputeBatchSizes batch sizes at which greedy decoding is also timed without caches
 * @param sourceLength source tokens per sentence, EOS included
 * @param outputLength target tokens per sentence: EOS is suppressed until then and decoding stops
 *     there, so that every model, trained or not, does the same work
 * @param secondsPerCell seconds of timed batches per measurement and model (at least three batches
 *     each, after one warm-up batch, the models taking turns batch by batch); the median batch
 *     counts
 * @param rounds times every cell is measured, round after round; the fastest round counts
 * @param keepAttention copy the cross-attention back each step, as translation does
 * @param shortlistPieces when above 0, rela-g is also measured with a vocabulary shortlist of this
 *     many pieces (the output layer scores K pieces instead of V)
 * @param seed seed of the random weights and source tokens
 */
public record BenchOptions(
    List<AttentionKind> kinds,
    List<Integer> batchSizes,
    int beamSize,
    List<Integer> recomputeBatchSizes,
    int sourceLength,
    int outputLength,
    double secondsPerCell,
    int rounds,
    boolean keepAttention,
    int shortlistPieces,
    long seed) {

  /** Rejects options that cannot be measured. */
  public BenchOptions {
    kinds = List.copyOf(kinds);
    batchSizes = List.copyOf(batchSizes);
    recomputeBatchSizes = List.copyOf(recomputeBatchSizes);
    if (kinds.isEmpty() || batchSizes.isEmpty()) {
      throw new IllegalArgumentException("at least one attention kind and batch size are needed");
    }
    if (kinds.stream().distinct().count() < kinds.size()) {
      // a kind's cells are keyed by the kind: two models of one kind would merge into one column
      throw new IllegalArgumentException("each attention kind may be named once, got " + kinds);
    }
    if (batchSizes.stream().anyMatch(b -> b < 1)
        || recomputeBatchSizes.stream().anyMatch(b -> b < 1)) {
      throw new IllegalArgumentException("batch sizes must be positive");
    }
    if (beamSize < 2) {
      throw new IllegalArgumentException(
          "the beam rows need a beam of at least 2, got " + beamSize);
    }
    if (sourceLength < 2 || outputLength < 1) {
      throw new IllegalArgumentException("source length must be >= 2 and output length >= 1");
    }
    if (shortlistPieces < 0) {
      throw new IllegalArgumentException("shortlist pieces must be >= 0, got " + shortlistPieces);
    }
    if (!(secondsPerCell > 0) || rounds < 1) {
      throw new IllegalArgumentException("seconds per cell and rounds must be positive");
    }
  }
}
