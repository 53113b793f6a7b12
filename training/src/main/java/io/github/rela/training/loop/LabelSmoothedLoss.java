package io.github.rela.training.loop;

import ai.djl.ndarray.NDArray;
import io.github.rela.model.attention.Scalars;

/**
 * Label-smoothed cross-entropy (Szegedy et al. 2016), as in the Transformer and ReLA papers: the
 * target distribution puts {@code 1 - epsilon} on the label and spreads {@code epsilon} uniformly
 * over the vocabulary. Padding labels count nothing.
 */
public final class LabelSmoothedLoss {

  private final float epsilon;
  private final int padId;

  public LabelSmoothedLoss(float epsilon, int padId) {
    if (epsilon < 0 || epsilon >= 1) {
      throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
    }
    this.epsilon = epsilon;
    this.padId = padId;
  }

  /**
   * The summed loss over the non-padding labels (divide by the label count for the mean).
   *
   * @param logits [B, T, V]
   * @param labels [B, T] int64
   * @return a scalar
   */
  public NDArray sum(NDArray logits, NDArray labels) {
    NDArray logProbs = logits.logSoftmax(-1); // [B, T, V]
    NDArray nll = logProbs.gather(labels.expandDims(-1), -1).squeeze(-1).neg(); // [B, T]
    NDArray uniform = logProbs.mean(new int[] {-1}).neg(); // [B, T]
    // Scalars as arrays of the graph's scope: autograd reads them in the backward pass.
    NDArray perToken =
        nll.mul(Scalars.like(nll, 1 - epsilon))
            .add(uniform.mul(Scalars.like(uniform, epsilon))); // [B, T]
    NDArray notPad = labels.neq(padId).toType(perToken.getDataType(), false); // [B, T]
    return perToken.mul(notPad).sum();
  }
}
