package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;

/**
 * Softmax attention. Masked scores are replaced by a large negative number rather than -inf, so
 * that a row with every key masked gives finite numbers (and then exactly zero weights) instead of
 * NaN.
 */
public final class SoftmaxAttention implements AttentionFunction {
  /** exp(-1e9 + s - max) underflows to exactly 0 in fp32 (attention is computed in fp32). */
  private static final float MASKED_SCORE = -1e9f;

  @Override
  public NDArray weights(NDArray scores, NDArray mask) {
    if (mask == null) {
      return scores.softmax(-1);
    }
    // masked = scores where mask is 1, about MASKED_SCORE where 0: [B, H, T, S]
    NDArray masked = scores.add(mask.sub(1f).mul(-MASKED_SCORE));
    // The final product zeroes rows whose keys are all masked (softmax would make them uniform).
    return masked.softmax(-1).mul(mask);
  }
}
