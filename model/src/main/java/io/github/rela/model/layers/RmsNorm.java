package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import io.github.rela.model.attention.Scalars;

/**
 * The RMSNorm that follows ReLA's value mixing, over the concatenated heads:
 *
 * <pre>Z' = g * Z * rsqrt(mean(Z^2) + eps) [* sigmoid(w * Z)]</pre>
 *
 * <p>ReLA weights are not normalised per row, so the scale of {@code A V} varies with the number
 * and size of the active weights; this norm restores a stable scale. The gated form (ReLA-g) has
 * gain g initialised to 1 and a learned gate vector w; the ungated form (ReLA-i) instead starts
 * with a small gain, uniform in +-sqrt(3 / d_model).
 *
 * <p>Since mean(Z^2) = |Z|^2 / D, the norm is computed as {@code sqrt(D) * Z / max(|Z|, sqrt(D
 * eps))} with one fused {@code normalize} call (decoding runs it after both attentions of every
 * decoder layer at every step, and on small batches each call's overhead counts). This equals the
 * formula above wherever {@code |Z|^2 >> D eps}, and like it maps an all-zero Z (every head null)
 * to zero with a gradient bounded by {@code g / sqrt(eps)}.
 *
 * <p>Parameters: {@code gain} [d_model]; {@code gate} [d_model] (gated only).
 */
public final class RmsNorm extends ModelBlock {
  private final int dModel;
  private final float eps;
  private final Parameter gain;
  private final Parameter gate;

  /**
   * Creates the norm.
   *
   * @param dModel size of the normalised axis
   * @param gated true for ReLA-g (gate, gain init 1), false for ReLA-i (no gate, small gain)
   * @param eps added to the mean square before the reciprocal square root
   */
  public RmsNorm(int dModel, boolean gated, float eps) {
    this.dModel = dModel;
    this.eps = eps;
    UniformInitializer small = new UniformInitializer((float) Math.sqrt(3.0 / dModel));
    this.gain =
        addParameter(
            Parameter.builder()
                .setName("gain")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(dModel))
                .optInitializer(gated ? new ConstantInitializer(1f) : small)
                .build());
    this.gate =
        gated
            ? addParameter(
                Parameter.builder()
                    .setName("gate")
                    .setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(dModel))
                    .optInitializer(small)
                    .build())
            : null;
  }

  /**
   * Normalises (and gates) the last axis.
   *
   * @param z concatenated head outputs, [B, T, d_model]
   * @return [B, T, d_model]
   */
  public NDArray forward(ParameterStore parameterStore, NDArray z, boolean training) {
    NDArray out = unitNorm(z); // [B, T, D], |.| <= 1
    if (!training && parameterStore instanceof InferenceParameters inference) {
      out = out.muli(gainTimesSqrtD(inference, z)); // [B, T, D]
    } else {
      out = times(out, sqrtD(z), training); // Z / RMS(Z)
      out = times(out, value(parameterStore, gain, z, training), training); // [B, T, D]
    }
    return gated(parameterStore, z, out, training);
  }

  /**
   * The norm without its constant factor {@code sqrt(D) * g} (inference only): a caller that feeds
   * a linear map folds that factor into the map's weights once ({@link #gainTimesSqrtD}), which
   * saves a product at every step. On the CPU the norm is computed on the host, in {@code z}'s own
   * memory ({@link HostRmsNorm}).
   *
   * @param z [B, T, D], row-major, owned by the caller: it may be overwritten
   * @return {@code forward(z) / (sqrt(D) * g)}, [B, T, D]
   */
  NDArray forwardWithoutGain(InferenceParameters inference, NDArray z) {
    if (!HostArrays.serves(z)) {
      return gated(inference, z, unitNorm(z), false);
    }
    float floor = (float) floor();
    if (gate == null) {
      return HostRmsNorm.normalize(z, floor, (float[]) null);
    }
    if (Rows.count(z) <= HostRmsNorm.HOST_OPENING_ROWS) {
      return HostRmsNorm.normalize(z, floor, inference.onHost(gate, z));
    }
    // sigmoid(w * Z) on the engine, vectorised: [B, T, D]
    NDArray opening = Activation.sigmoid(z.mul(inference.value(gate, z)));
    return HostRmsNorm.normalize(z, floor, opening);
  }

  /** {@code sqrt(D) * g}, a constant of the weights: one product, [D]. */
  NDArray gainTimesSqrtD(InferenceParameters inference, NDArray like) {
    return inference.derived(gain, "times-sqrt-d", like, g -> sqrtD(like).mul(g));
  }

  /** {@code Z / max(|Z|, sqrt(D eps))} over the last axis. */
  private NDArray unitNorm(NDArray z) {
    // axis -1 rather than the rank: asking a new array its shape is a native call
    return z.normalize(2, -1, floor());
  }

  /** The least norm a row is divided by: {@code |Z| = sqrt(D eps)} is where RMS(Z)^2 = eps. */
  private double floor() {
    return Math.sqrt(dModel * (double) eps);
  }

  /** {@code out * sigmoid(w * Z)} for ReLA-g; {@code out} itself without a gate. */
  private NDArray gated(ParameterStore parameterStore, NDArray z, NDArray out, boolean training) {
    if (gate == null) {
      return out;
    }
    // sigmoid(w * Z), [B, T, D]
    NDArray opening = Activation.sigmoid(z.mul(value(parameterStore, gate, z, training)));
    return times(out, opening, training); // [B, T, D]
  }

  /** sqrt(D) as a scalar in {@code z}'s manager (never the weights'). */
  private NDArray sqrtD(NDArray z) {
    return Scalars.like(z, Math.sqrt(dModel));
  }

  /**
   * {@code a * b}, computed in {@code a}'s storage outside training. {@code a} is always an array
   * this norm just made, and only a recorded backward pass could need its old value; in place, each
   * product saves a native allocation and the bookkeeping of one more array, which is most of an
   * elementwise op's cost on the small arrays of incremental decoding.
   */
  private static NDArray times(NDArray a, NDArray b, boolean training) {
    return training ? a.mul(b) : a.muli(b);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(forward(parameterStore, inputs.head(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
