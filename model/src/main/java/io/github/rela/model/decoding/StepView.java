package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.TargetVocabulary;
import java.util.HashSet;
import java.util.Set;

/**
 * The shared arithmetic of both searches: every row's best next tokens and the entropy of its
 * next-token distribution, and the step's cross-attention, copied to the host.
 *
 * <p>PAD and BOS are never generated; EOS is forbidden while fewer than {@code minLength} tokens
 * have been generated. Rather than adding -inf to those columns of the whole [R, V] array (and the
 * beam's scores to it) on the engine, each row's top {@code k + F} columns are copied (F the
 * forbidden columns present) and the forbidden ones dropped here: the same candidates, for two
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
    Set<Integer> forbidden = forbiddenColumns(vocabulary, step);
    int copied = Math.min(perRow + forbidden.size(), vocabulary.size());
    int kept = Math.min(perRow, vocabulary.size() - forbidden.size()); // allowed among those copied
    NDList top = logProbabilities.topK(copied, 1, true, true); // best first, [R, copied]
    float[] values = top.get(0).toFloatArray();
    long[] columns = top.get(1).toLongArray();
    int[] tokens = new int[rows * kept];
    float[] keptValues = new float[rows * kept];
    for (int row = 0; row < rows; row++) {
      int count = 0;
      for (int j = row * copied; j < (row + 1) * copied && count < kept; j++) {
        if (!forbidden.contains((int) columns[j])) {
          tokens[row * kept + count] = vocabulary.token((int) columns[j]);
          keptValues[row * kept + count] = values[j];
          count++;
        }
      }
    }
    return new RowCandidates(kept, tokens, keptValues, entropy(logProbabilities));
  }

  private Set<Integer> forbiddenColumns(TargetVocabulary vocabulary, int step) {
    Set<Integer> columns = new HashSet<>();
    columns.add(vocabulary.column(specialIds.padId()));
    columns.add(vocabulary.column(specialIds.bosId()));
    if (step < minLength) {
      columns.add(vocabulary.column(specialIds.eosId()));
    }
    columns.remove(-1); // a shortlist without that piece
    return columns;
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
