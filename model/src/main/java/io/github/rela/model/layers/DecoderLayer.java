package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.rela.model.config.ModelConfig;

/**
 * One decoder layer: causal self-attention, cross attention to the encoder memory, then the
 * feed-forward network, each inside a {@link Sublayer}.
 *
 * <p>The same code serves training (all T target positions at once, causal mask) and incremental
 * decoding (T = 1 with the keys and values of earlier positions passed in as {@code past}).
 *
 * <p>Children: {@code selfAttention}, {@code selfAttentionSublayer}, {@code crossAttention}, {@code
 * crossAttentionSublayer}, {@code feedForward}, {@code feedForwardSublayer}.
 */
public final class DecoderLayer extends ModelBlock {
  private final MultiHeadAttention selfAttention;
  private final Sublayer selfAttentionSublayer;
  private final MultiHeadAttention crossAttention;
  private final Sublayer crossAttentionSublayer;
  private final FeedForward feedForward;
  private final Sublayer feedForwardSublayer;

  public DecoderLayer(ModelConfig config) {
    this.selfAttention =
        addChildBlock(
            "selfAttention",
            MultiHeadAttention.builder()
                .setDModel(config.dModel())
                .setNumHeads(config.numHeads())
                .setKind(config.decoderSelfAttention())
                .optAttentionDropout(config.attentionDropout())
                .optRelaEps(config.relaEps())
                .build());
    this.selfAttentionSublayer =
        addChildBlock("selfAttentionSublayer", EncoderLayer.sublayer(config));
    this.crossAttention =
        addChildBlock(
            "crossAttention",
            MultiHeadAttention.builder()
                .setDModel(config.dModel())
                .setNumHeads(config.numHeads())
                .setKind(config.crossAttention())
                .optCross(true)
                .optAttentionDropout(config.attentionDropout())
                .optRelaEps(config.relaEps())
                .build());
    this.crossAttentionSublayer =
        addChildBlock("crossAttentionSublayer", EncoderLayer.sublayer(config));
    this.feedForward =
        addChildBlock(
            "feedForward", new FeedForward(config.dModel(), config.dFf(), config.dropout()));
    this.feedForwardSublayer = addChildBlock("feedForwardSublayer", EncoderLayer.sublayer(config));
  }

  /**
   * Projects the encoder memory for this layer's cross attention, once per source; where the
   * attention function allows, the padded keys are zeroed here so that no step masks again.
   *
   * @param memory encoder output, [N, S, D]
   * @param sourceMask padding mask of the source, [N, 1, 1, S]
   */
  public KeyValue projectMemory(
      ParameterStore parameterStore, NDArray memory, NDArray sourceMask, boolean training) {
    return crossAttention.projectMemory(parameterStore, memory, sourceMask, training);
  }

  /**
   * Runs the layer.
   *
   * @param y target states, [R, T, D]
   * @param selfMask mask of the self-attention, broadcastable to [R, H, T, P + T] (causal and
   *     padding when decoding a whole sequence), or null to attend every position
   * @param past keys and values of the P earlier positions, or null when P = 0
   * @param pastRows back-pointers into the rows of {@code past} (beam search's reordering since the
   *     last step), [R]; null keeps its rows in order
   * @param memory this layer's encoder memory from {@link #projectMemory} with the same {@code
   *     sourceMask}, N rows with R a multiple of N
   * @param sourceMask padding mask of the source, [N, 1, 1, S]
   */
  public DecoderLayerOutput forward(
      ParameterStore parameterStore,
      NDArray y,
      NDArray selfMask,
      SelfAttentionCache past,
      long[] pastRows,
      KeyValue memory,
      NDArray sourceMask,
      boolean training) {
    // 1. causal self-attention over the cached and the new positions
    NDArray selfInput = selfAttentionSublayer.input(parameterStore, y, training);
    QueryKeyValue projected = selfAttention.projectSelf(parameterStore, selfInput, training);
    SelfAttentionCache cache = SelfAttentionCache.grow(past, pastRows, projected); // P + T
    AttentionResult self =
        selfAttention.attend(
            parameterStore, projected.query(), cache.keyValue(), selfMask, training);
    y = selfAttentionSublayer.output(parameterStore, y, self.output(), training);
    // 2. cross attention to the encoder memory
    NDArray crossInput = crossAttentionSublayer.input(parameterStore, y, training);
    NDArray queries = crossAttention.projectQuery(parameterStore, crossInput, training);
    NDArray crossMask = crossAttention.masksWithZeroKeys() ? null : sourceMask;
    AttentionResult cross =
        crossAttention.attend(parameterStore, queries, memory, crossMask, training);
    y = crossAttentionSublayer.output(parameterStore, y, cross.output(), training);
    // 3. feed-forward
    NDArray feedForwardInput = feedForwardSublayer.input(parameterStore, y, training);
    NDArray h = feedForward.forward(parameterStore, feedForwardInput, training);
    y = feedForwardSublayer.output(parameterStore, y, h, training);
    return new DecoderLayerOutput(y, self.weights(), cross.weights(), cache);
  }

  /**
   * Inputs: y [B, T, D], self mask [B or 1, 1, T, T], memory [B, S, D], source mask [B, 1, 1, S];
   * outputs: y, self-attention weights, cross-attention weights.
   */
  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    KeyValue memory = projectMemory(parameterStore, inputs.get(2), inputs.get(3), training);
    DecoderLayerOutput out =
        forward(
            parameterStore,
            inputs.get(0),
            inputs.get(1),
            null,
            null,
            memory,
            inputs.get(3),
            training);
    return new NDList(out.output(), out.selfWeights(), out.crossWeights());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape y = inputShapes[0];
    Shape memory = inputShapes[2];
    return new Shape[] {
      y,
      new Shape(y.get(0), -1, y.get(1), y.get(1)),
      new Shape(y.get(0), -1, y.get(1), memory.get(1))
    };
  }
}
