package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.TargetVocabulary;

/**
 * The shared arithmetic of both searches: log-probabilities with the forbidden tokens removed, and
 * the step's cross-attention copied back per row.
 *
 * <p>PAD and BOS are never generated; EOS is forbidden while fewer than {@code minLength} tokens
 * have been generated.
 */
final class StepView {
  private final SpecialIds specialIds;
  private final int minLength;

  StepView(SpecialIds specialIds, int minLength) {
    this.specialIds = specialIds;
    this.minLength = minLength;
  }

  /**
   * Log-probabilities of the next token at step {@code step} (0-based), normalised over the step's
   * vocabulary (all pieces, or a shortlist).
   *
   * @param scores the step's logits, [R, V] or [R, K]
   * @return [R, V] or [R, K], -inf for tokens that may not come next
   */
  NDArray logProbabilities(StepScores scores, int step) {
    TargetVocabulary vocabulary = scores.vocabulary();
    float[] bias = new float[vocabulary.size()];
    forbid(bias, vocabulary, specialIds.padId());
    forbid(bias, vocabulary, specialIds.bosId());
    if (step < minLength) {
      forbid(bias, vocabulary, specialIds.eosId());
    }
    NDManager manager = scores.logits().getManager();
    return scores.logits().logSoftmax(1).add(manager.create(bias, new Shape(1, bias.length)));
  }

  private static void forbid(float[] bias, TargetVocabulary vocabulary, int token) {
    int column = vocabulary.column(token);
    if (column >= 0) {
      bias[column] = Float.NEGATIVE_INFINITY;
    }
  }

  /**
   * The entropy of every row's next-token distribution, in nats, copied to the host: one float per
   * row, never the [R, V] array. A quality feature: a model that is unsure spreads its mass.
   *
   * @param logProbabilities [R, V] from {@link #logProbabilities}, -inf for forbidden tokens
   * @return [R]
   */
  static float[] entropy(NDArray logProbabilities) {
    // forbidden tokens have probability 0; flooring their -inf keeps 0 * log p at 0 instead of NaN
    NDArray finite = logProbabilities.maximum(-1e4f); // [R, V]
    float[] sums = logProbabilities.exp().mul(finite).sum(new int[] {1}).toFloatArray(); // [R]
    for (int row = 0; row < sums.length; row++) {
      sums[row] = -sums[row]; // negated here: one engine call fewer per step
    }
    return sums;
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
