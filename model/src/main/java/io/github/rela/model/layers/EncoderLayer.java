package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.rela.model.config.ModelConfig;

/**
 * One encoder layer: self-attention, then the feed-forward network, each inside a {@link Sublayer}.
 *
 * <p>Children: {@code selfAttention}, {@code selfAttentionSublayer}, {@code feedForward}, {@code
 * feedForwardSublayer}.
 */
public final class EncoderLayer extends ModelBlock {
  private final MultiHeadAttention selfAttention;
  private final Sublayer selfAttentionSublayer;
  private final FeedForward feedForward;
  private final Sublayer feedForwardSublayer;

  public EncoderLayer(ModelConfig config) {
    this.selfAttention =
        addChildBlock(
            "selfAttention",
            MultiHeadAttention.builder()
                .setDModel(config.dModel())
                .setNumHeads(config.numHeads())
                .setKind(config.encoderSelfAttention())
                .optAttentionDropout(config.attentionDropout())
                .optRelaEps(config.relaEps())
                .build());
    this.selfAttentionSublayer = addChildBlock("selfAttentionSublayer", sublayer(config));
    this.feedForward =
        addChildBlock(
            "feedForward", new FeedForward(config.dModel(), config.dFf(), config.dropout()));
    this.feedForwardSublayer = addChildBlock("feedForwardSublayer", sublayer(config));
  }

  static Sublayer sublayer(ModelConfig config) {
    return new Sublayer(config.dModel(), config.preNorm(), config.dropout(), config.layerNormEps());
  }

  /**
   * Runs the layer.
   *
   * @param x [B, S, D]
   * @param sourceMask padding mask, [B, 1, 1, S]
   * @return output [B, S, D] and self-attention weights [B, H, S, S]
   */
  public AttentionResult forward(
      ParameterStore parameterStore, NDArray x, NDArray sourceMask, boolean training) {
    NDArray attentionInput = selfAttentionSublayer.input(parameterStore, x, training);
    AttentionResult attention =
        selfAttention.selfAttention(parameterStore, attentionInput, sourceMask, training);
    x = selfAttentionSublayer.output(parameterStore, x, attention.output(), training);
    NDArray feedForwardInput = feedForwardSublayer.input(parameterStore, x, training);
    NDArray y = feedForward.forward(parameterStore, feedForwardInput, training);
    x = feedForwardSublayer.output(parameterStore, x, y, training);
    return new AttentionResult(x, attention.weights());
  }

  /** Inputs: x [B, S, D] and the padding mask [B, 1, 1, S]; outputs: x and the weights. */
  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    AttentionResult result = forward(parameterStore, inputs.get(0), inputs.get(1), training);
    return new NDList(result.output(), result.weights());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    return new Shape[] {x, new Shape(x.get(0), -1, x.get(1), x.get(1))};
  }
}
