package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Rectified linear attention: {@code ReLU(mask * scores)}, with no normalisation over the row.
 *
 * <p>As in the paper, masking multiplies the scores by zero before the ReLU, so masked keys get
 * exactly zero weight and (since ReLU'(0) = 0) zero gradient without any -inf. A row whose scores
 * are all negative is entirely zero: a null attention row. The output scale is restored by the
 * RMSNorm that follows the value mixing ({@link io.github.rela.model.layers.RmsNorm}).
 */
public final class RelaAttention implements AttentionFunction {

  @Override
  public NDArray weights(NDArray scores, NDArray mask) {
    return Activation.relu(mask == null ? scores : scores.mul(mask)); // [B, H, T, S]
  }

  /** A zero key scores 0 with every query, and ReLU(0) = 0: the same as masking the score. */
  @Override
  public boolean zeroKeysAreMasked() {
    return true;
  }
}
