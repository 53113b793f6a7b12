package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Shared steps of the sort-based sparse maps (sparsemax, 1.5-entmax).
 *
 * <p>Both maps are computed in two passes. First the support (the keys with non-zero weight) is
 * found by sorting a detached copy of the scores. Then the threshold tau is recomputed from the
 * scores over that fixed support with a closed form that autograd can differentiate; since the
 * support is locally constant, this gives the exact Jacobian without a custom backward.
 */
final class SimplexSupport {
  private static final float MASK_FILL = 1e9f;

  /**
   * Both maps give zero weight to any key more than 1 below the row maximum (after the map's
   * scaling), so clipping the centred scores at -2 keeps the support exactly and avoids rounding
   * trouble from very negative scores in the cumulative sums.
   */
  private static final float CLIP = -2f;

  private SimplexSupport() {}

  /** The row maximum over unmasked keys, detached: [B, H, T, 1]. */
  static NDArray rowMax(NDArray scores, NDArray mask) {
    NDArray detached = scores.stopGradient();
    return detached.mul(mask).add(mask.sub(1f).mul(MASK_FILL)).max(new int[] {-1}, true);
  }

  /**
   * Detached scores, centred on the row maximum, divided by {@code scale}, clipped to [-2, 0];
   * masked keys are set to -2, outside any support.
   */
  static NDArray centredDetached(NDArray scores, NDArray mask, NDArray rowMax, float scale) {
    NDArray centred = scores.stopGradient().sub(rowMax).div(scale).clip(CLIP, 0f);
    return centred.mul(mask).add(mask.sub(1f).mul(-CLIP)); // [B, H, T, S]
  }

  /** Sorts along the last axis, largest first. */
  static NDArray sortDescending(NDArray x) {
    return x.neg().sort(-1).neg();
  }

  /** 1, 2, ..., S in the dtype of {@code x}, for the cumulative means over the sorted row. */
  static NDArray ranks(NDArray x) {
    int size = (int) x.getShape().get(x.getShape().dimension() - 1);
    return x.getManager().arange(1, size + 1, 1, x.getDataType());
  }

  /**
   * The 0/1 support mask: keys at least as large as the {@code count}-th largest, and unmasked.
   *
   * @param centred detached centred scores, [B, H, T, S]
   * @param sorted the same sorted descending, [B, H, T, S]
   * @param count support size per row (float, at least 1), [B, H, T, 1]
   */
  static NDArray supportMask(NDArray centred, NDArray sorted, NDArray count, NDArray mask) {
    NDArray kth = sorted.gather(count.sub(1f).toType(DataType.INT64, false), -1); // [B, H, T, 1]
    return centred.gte(kth).toType(centred.getDataType(), false).mul(mask); // [B, H, T, S]
  }
}
