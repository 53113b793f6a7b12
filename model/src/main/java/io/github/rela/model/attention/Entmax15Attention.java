package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * 1.5-entmax (Peters, Niculae and Martins 2019), exact and sort-based, as in the reference
 * implementation (deep-spin/entmax, {@code Entmax15Function}).
 *
 * <p>With {@code x = z / 2}, the weights are {@code p = max(x - tau, 0)^2} where, over the support
 * S, {@code tau = mean_S(x) - sqrt(delta)} and {@code delta = (1 - |S| (mean_S(x^2) - mean_S(x)^2))
 * / |S|}. The support is found on the sorted, detached row (largest k whose tau_k is at most
 * x_(k)); tau is then recomputed from the live scores over that fixed support, so autograd gives
 * the exact Jacobian.
 */
public final class Entmax15Attention implements AttentionFunction {
  /**
   * Floor under delta before the square root: keeps the gradient finite in the degenerate case
   * delta = 0 (the clamp's own gradient is then zero) while changing tau by at most 1e-10.
   */
  private static final float DELTA_FLOOR = 1e-20f;

  @Override
  public NDArray weights(NDArray scores, NDArray mask) {
    if (mask == null) {
      return weights(scores, scores.getManager().ones(new Shape(1), scores.getDataType()));
    }
    NDArray rowMax = SimplexSupport.rowMax(scores, mask);
    NDArray support = support(scores, mask, rowMax);
    NDArray x = scores.sub(rowMax).div(Scalars.like(scores, 2)); // [B, H, T, S]
    NDArray size = support.sum(new int[] {-1}, true).maximum(1f); // [B, H, T, 1]
    NDArray mean = x.mul(support).sum(new int[] {-1}, true).div(size);
    NDArray meanSquare = x.square().mul(support).sum(new int[] {-1}, true).div(size);
    NDArray delta = meanSquare.sub(mean.square()).mul(size).neg().add(1f).div(size);
    NDArray tau = mean.sub(delta.maximum(Scalars.like(delta, DELTA_FLOOR)).sqrt()); // [B, H, T, 1]
    return Activation.relu(x.sub(tau)).square().mul(support); // [B, H, T, S]
  }

  private static NDArray support(NDArray scores, NDArray mask, NDArray rowMax) {
    NDArray x = SimplexSupport.centredDetached(scores, mask, rowMax, 2f);
    NDArray sorted = SimplexSupport.sortDescending(x); // [B, H, T, S]
    NDArray ranks = SimplexSupport.ranks(sorted); // [S]
    NDArray mean = sorted.cumSum(-1).div(ranks);
    NDArray meanSquare = sorted.square().cumSum(-1).div(ranks);
    NDArray delta = meanSquare.sub(mean.square()).mul(ranks).neg().add(1f).div(ranks);
    NDArray tau = mean.sub(delta.maximum(0f).sqrt()); // [B, H, T, S]
    NDArray count = tau.lte(sorted).toType(sorted.getDataType(), false).sum(new int[] {-1}, true);
    return SimplexSupport.supportMask(x, sorted, count, mask);
  }
}
