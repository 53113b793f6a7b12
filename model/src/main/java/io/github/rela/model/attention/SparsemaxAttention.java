package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Sparsemax (Martins and Astudillo 2016): the Euclidean projection of the scores onto the
 * probability simplex, {@code p = max(z - tau, 0)} with tau chosen so that the row sums to 1.
 *
 * <p>With the keys sorted in decreasing order, the support size is the largest k with {@code 1 + k
 * z_(k) > sum_{j<=k} z_(j)}, and over the support S, {@code tau = (sum_S z - 1) / |S|}. The support
 * is found on detached values; tau is then recomputed from the live scores so that autograd yields
 * the exact sparsemax Jacobian.
 */
public final class SparsemaxAttention implements AttentionFunction {

  @Override
  public NDArray weights(NDArray scores, NDArray mask) {
    if (mask == null) {
      return weights(scores, scores.getManager().ones(new Shape(1), scores.getDataType()));
    }
    NDArray support = support(scores, mask);
    // centred = z - max (a constant shift: same weights, better rounding): [B, H, T, S]
    NDArray centred = scores.sub(SimplexSupport.rowMax(scores, mask));
    NDArray size = support.sum(new int[] {-1}, true).maximum(1f); // [B, H, T, 1]
    NDArray tau = centred.mul(support).sum(new int[] {-1}, true).sub(1f).div(size);
    return Activation.relu(centred.sub(tau)).mul(support); // [B, H, T, S]
  }

  private static NDArray support(NDArray scores, NDArray mask) {
    NDArray centred =
        SimplexSupport.centredDetached(scores, mask, SimplexSupport.rowMax(scores, mask), 1f);
    NDArray sorted = SimplexSupport.sortDescending(centred); // [B, H, T, S]
    NDArray ranks = SimplexSupport.ranks(sorted); // [S]
    NDArray inSupport = ranks.mul(sorted).add(1f).gt(sorted.cumSum(-1));
    NDArray count = inSupport.toType(sorted.getDataType(), false).sum(new int[] {-1}, true);
    return SimplexSupport.supportMask(centred, sorted, count, mask);
  }
}
