package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;

/**
 * Softmax attention. Masked scores are replaced by a large negative number rather than -inf, so
 * that a row with every key masked gives finite numbers (and then exactly zero weights) instead of
 * NaN.
 */
public final class SoftmaxAttention implements AttentionFunction {
  /** exp(-1e9 + max) underflows to exactly 0 in fp32, and -1e9 itself stays finite in fp16. */
  private static final float MASKED_SCORE = -1e9f;

  @Override
  public NDArray weights(NDArray scores, NDArray mask) {
    // masked = scores where mask is 1, MASKED_SCORE where 0: [B, H, T, S]
    NDArray masked = scores.mul(mask).add(mask.sub(1f).mul(-MASKED_SCORE));
    // The final product zeroes rows whose keys are all masked (softmax would make them uniform).
    return masked.softmax(-1).mul(mask);
  }
}
