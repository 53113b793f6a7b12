package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.TargetVocabulary;
import java.nio.FloatBuffer;

/**
 * The shared arithmetic of both searches: every row's best next tokens and the entropy of its
 * next-token distribution, and the step's cross-attention, copied to the host.
 *
 * <p>PAD and BOS are never generated; EOS is forbidden while fewer than {@code minLength} tokens
 * have been generated. Rather than adding -inf to those columns of the whole [R, V] array (and the
 * beam's scores to it) on the engine, the log-probabilities are copied to the host once and {@link
 * RowTop} skips the forbidden columns while it picks each row's best: the same candidates, for two
 * passes over [R, V] fewer at every step.
 */
final class StepView {
  private final SpecialIds specialIds;
  private final int minLength;

  StepView(SpecialIds specialIds, int minLength) {
    this.specialIds = specialIds;
    this.minLength = minLength;
  }

  /**
   * Every row's best {@code perRow} allowed next tokens at step {@code step} (0-based), with
   * log-probabilities normalised over the step's vocabulary (all pieces, or a shortlist).
   *
   * @param scores the step's logits, [R, V] or [R, K]
   */
  RowCandidates candidates(StepScores scores, int step, int perRow) {
    TargetVocabulary vocabulary = scores.vocabulary();
    NDArray logProbabilities = scores.logits().logSoftmax(1); // [R, V]
    int rows = (int) logProbabilities.getShape().get(0);
    int width = vocabulary.size();
    boolean[] forbidden = forbiddenColumns(vocabulary, step);
    int allowed = width;
    for (boolean never : forbidden) {
      allowed -= never ? 1 : 0;
    }
    int kept = Math.min(perRow, allowed);
    // The engine's memory itself (contiguous, on the CPU), read in place: no [R, V] copy.
    FloatBuffer data = logProbabilities.toByteBuffer(true).asFloatBuffer();
    RowTop top = RowTop.of(data, rows, width, forbidden, kept);
    int[] tokens = new int[rows * kept];
    float[] keptValues = new float[rows * kept];
    for (int row = 0; row < rows; row++) {
      for (int rank = 0; rank < kept; rank++) {
        tokens[row * kept + rank] = vocabulary.token(top.column(row, rank));
        keptValues[row * kept + rank] = top.value(row, rank);
      }
    }
    return new RowCandidates(kept, tokens, keptValues, entropy(logProbabilities));
  }

  /** Per column of the step's vocabulary, whether it may not be generated at {@code step}. */
  private boolean[] forbiddenColumns(TargetVocabulary vocabulary, int step) {
    boolean[] columns = new boolean[vocabulary.size()];
    forbid(columns, vocabulary.column(specialIds.padId()));
    forbid(columns, vocabulary.column(specialIds.bosId()));
    if (step < minLength) {
      forbid(columns, vocabulary.column(specialIds.eosId()));
    }
    return columns;
  }

  private static void forbid(boolean[] columns, int column) {
    if (column >= 0) { // -1: a shortlist without that piece
      columns[column] = true;
    }
  }

  /**
   * The entropy of every row's next-token distribution, in nats, copied to the host: one float per
   * row, never the [R, V] array. A quality feature: a model that is unsure spreads its mass.
   *
   * @param logProbabilities [R, V], finite
   * @return [R]
   */
  static float[] entropy(NDArray logProbabilities) {
    NDArray plogp = logProbabilities.exp().muli(logProbabilities); // p log p, [R, V]
    float[] sums = plogp.sum(new int[] {1}).toFloatArray(); // [R]
    for (int row = 0; row < sums.length; row++) {
      sums[row] = -sums[row];
    }
    return sums;
  }

  /**
   * Each row's best allowed next tokens, best first.
   *
   * @param perRow candidates per row (k, or fewer when the vocabulary has fewer allowed pieces)
   * @param tokens piece ids, [R, perRow] flattened
   * @param logProbabilities their log-probabilities, [R, perRow] flattened
   * @param entropies every row's next-token entropy, [R]
   */
  record RowCandidates(int perRow, int[] tokens, float[] logProbabilities, float[] entropies) {

    int token(int row, int rank) {
      return tokens[row * perRow + rank];
    }

    float logProbability(int row, int rank) {
      return logProbabilities[row * perRow + rank];
    }
  }

  /**
   * The attention of every row, on the Java side.
   *
   * @param crossAttention [R, L, H, S]
   */
  static AttentionRows attention(NDArray crossAttention) {
    Shape shape = crossAttention.getShape();
    int rowSize = (int) (shape.get(1) * shape.get(2));
    return new AttentionRows(crossAttention.toFloatArray(), rowSize, (int) shape.get(3));
  }

  /**
   * Cross-attention rows copied from the engine: row r holds L * H blocks of S weights.
   *
   * @param data [R, L * H, S] flattened
   * @param blocks L * H
   * @param paddedLength S
   */
  record AttentionRows(float[] data, int blocks, int paddedLength) {

    /** Row {@code row}'s weights on the first {@code length} source positions: [L * H * length]. */
    float[] row(int row, int length) {
      float[] kept = new float[blocks * length];
      int base = row * blocks * paddedLength;
      for (int b = 0; b < blocks; b++) {
        System.arraycopy(data, base + b * paddedLength, kept, b * length, length);
      }
      return kept;
    }
  }
}
