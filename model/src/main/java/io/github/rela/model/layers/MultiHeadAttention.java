package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.rela.model.attention.AttentionFunction;
import io.github.rela.model.attention.Scalars;
import io.github.rela.model.config.AttentionKind;

/**
 * Multi-head attention with a pluggable {@link AttentionFunction}.
 *
 * <p>Shapes: B batch (N sources, R = N * G rows when G hypotheses share a source), T queries, S
 * keys, H heads, D = d_model, d = d_head = D / H.
 *
 * <p>Self-attention projects queries, keys and values with one fused matrix ({@code qkv}); cross
 * attention projects the query ({@code query}) and the memory's keys and values ({@code keyValue})
 * apart, so that the memory is projected once per source sentence. For ReLA the concatenated heads
 * pass through an {@link RmsNorm} ({@code norm}) before the output projection ({@code output}).
 *
 * <p>In cross attention the query batch may be a multiple G of the memory batch (beam search's
 * hypotheses of one source): the G groups are folded into the query axis, so each source's keys and
 * values are used by all its hypotheses without being copied.
 */
public final class MultiHeadAttention extends ModelBlock {
  /** The derived query weights: the first d_model outputs times the score scale. */
  private static final String SCALED_QUERIES = "queries-times-score-scale";

  /** The derived output weights: the columns times the norm's constant factor sqrt(D) * g. */
  private static final String NORM_GAIN = "inputs-times-norm-gain";

  private final int dModel;
  private final int numHeads;
  private final AttentionFunction function;
  private final float attentionDropout;
  private final Projection qkv;
  private final Projection query;
  private final Projection keyValue;
  private final RmsNorm norm;
  private final Projection output;

  private MultiHeadAttention(Builder builder) {
    this.dModel = builder.dModel;
    this.numHeads = builder.numHeads;
    this.function = AttentionFunction.of(builder.kind);
    this.attentionDropout = builder.attentionDropout;
    if (builder.cross) {
      this.qkv = null;
      this.query = addChildBlock("query", new Projection(dModel, dModel, true));
      this.keyValue = addChildBlock("keyValue", new Projection(dModel, 2 * dModel, true));
    } else {
      this.qkv = addChildBlock("qkv", new Projection(dModel, 3 * dModel, true));
      this.query = null;
      this.keyValue = null;
    }
    this.norm =
        builder.kind.isRela()
            ? addChildBlock(
                "norm", new RmsNorm(dModel, builder.kind == AttentionKind.RELA_G, builder.relaEps))
            : null;
    this.output = addChildBlock("output", new Projection(dModel, dModel, true));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Self-attention projection of {@code x} (self-attention blocks only).
   *
   * @param x [B, T, D]
   */
  public QueryKeyValue projectSelf(ParameterStore parameterStore, NDArray x, boolean training) {
    NDArray projected =
        constantsInWeights(parameterStore, training)
            ? qkv.forwardScalingRows(
                (InferenceParameters) parameterStore, x, SCALED_QUERIES, dModel, scoreScale())
            : qkv.forward(parameterStore, x, training); // [B, T, 3 * D]
    NDList heads = splitHeads(projected, 3); // 3 x [B, H, T, d]
    return new QueryKeyValue(heads.get(0), heads.get(1), heads.get(2), projected);
  }

  /**
   * Cross-attention query projection (cross-attention blocks only).
   *
   * @param x [R, T, D]
   * @return [R, H, T, d]
   */
  public NDArray projectQuery(ParameterStore parameterStore, NDArray x, boolean training) {
    NDArray projected =
        constantsInWeights(parameterStore, training)
            ? query.forwardScalingRows(
                (InferenceParameters) parameterStore, x, SCALED_QUERIES, dModel, scoreScale())
            : query.forward(parameterStore, x, training); // [R, T, D]
    return splitHeads(projected, 1).head();
  }

  /**
   * Whether constants are folded into weights once (at inference): the score scale {@code 1 /
   * sqrt(d)} into the query weights (d = 64 here: a power of two, so the scores are bit-identical)
   * and, for ReLA, the norm's {@code sqrt(D) * g} into the output weights. Each saves a call per
   * attention at every decoding step.
   */
  private static boolean constantsInWeights(ParameterStore parameterStore, boolean training) {
    return !training && parameterStore instanceof InferenceParameters;
  }

  private float scoreScale() {
    return (float) (1.0 / Math.sqrt(dModel / (double) numHeads));
  }

  /**
   * Cross-attention keys and values of the encoder memory (cross-attention blocks only): compute
   * once per source and reuse at every decoding step.
   *
   * @param memory encoder output, [N, S, D]
   */
  public KeyValue projectMemory(ParameterStore parameterStore, NDArray memory, boolean training) {
    NDList heads = splitHeads(keyValue.forward(parameterStore, memory, training), 2);
    KeyValue byHead = KeyValue.of(heads.get(0), heads.get(1)); // views of [N, S, 2 * D]
    // Copied once into row-major [N, H, d, S] and [N, H, S, d]: as views, they would be copied
    // again inside every step's matmuls, which fold [N, H] into one axis.
    return new KeyValue(contiguous(byHead.keys()), contiguous(byHead.values()));
  }

  /**
   * Cross-attention keys and values of the encoder memory, with the padded keys zeroed when that
   * masks them ({@link #masksWithZeroKeys()}): {@link #attend} then needs no mask at any step.
   *
   * @param memory encoder output, [N, S, D]
   * @param sourceMask padding mask of the source, [N, 1, 1, S]
   */
  public KeyValue projectMemory(
      ParameterStore parameterStore, NDArray memory, NDArray sourceMask, boolean training) {
    KeyValue projected = projectMemory(parameterStore, memory, training);
    if (!masksWithZeroKeys()) {
      return projected;
    }
    NDArray keys = projected.keys().mul(sourceMask); // [N, H, d, S] * [N, 1, 1, S]
    return new KeyValue(keys, projected.values());
  }

  /** Whether {@link #projectMemory(ParameterStore, NDArray, NDArray, boolean)} masks padding. */
  public boolean masksWithZeroKeys() {
    return function.zeroKeysAreMasked();
  }

  /**
   * Attends from projected queries to projected keys and values, then mixes heads.
   *
   * @param queries [R, H, T, d], with R a multiple G of N
   * @param memory keys and values of S positions, [N, H, d, S] and [N, H, S, d]
   * @param mask 0/1 mask broadcastable to [N, H, G * T, S] (e.g. [N, 1, 1, S] or [1, 1, T, S] when
   *     G = 1), or null to attend every key
   * @return output [R, T, D] and weights [R, H, T, S]
   */
  public AttentionResult attend(
      ParameterStore parameterStore,
      NDArray queries,
      KeyValue memory,
      NDArray mask,
      boolean training) {
    long rows = queries.getShape().get(0);
    long sources = memory.rows();
    if (rows % sources != 0) {
      throw new IllegalArgumentException(
          "query rows (" + rows + ") must be a multiple of memory rows (" + sources + ")");
    }
    int group = (int) (rows / sources);
    long length = queries.getShape().get(2);
    NDArray q = group == 1 ? queries : foldGroups(queries, sources, group); // [N, H, G*T, d]
    NDArray scores = q.matMul(memory.keys()); // [N, H, G*T, d] x [N, H, d, S]
    if (!constantsInWeights(parameterStore, training)) {
      scores = scores.div(Scalars.like(q, Math.sqrt(dModel / (double) numHeads)));
    }
    NDArray weights =
        function.weights(scores, mask == null ? null : mask.toType(scores.getDataType(), false));
    NDArray dropped =
        training && attentionDropout > 0f
            ? Dropout.dropout(weights, attentionDropout, true).head()
            : weights;
    NDArray mixed = dropped.matMul(memory.values()); // [N, H, G*T, S] x [N, H, S, d]
    NDArray z;
    if (length == 1) {
      // A decoding step: [N, H, G, X] -> [N, G, H, X] is already [R, 1, H * X] in memory.
      z = rowsFirst(mixed, group).reshape(rows, 1, dModel); // [R, 1, D]
      if (group > 1) {
        weights = rowsFirst(weights, group).reshape(rows, numHeads, 1, -1); // [R, H, 1, S]
      }
    } else {
      if (group > 1) {
        mixed = unfoldGroups(mixed, sources, group, length); // [R, H, T, d]
        weights = unfoldGroups(weights, sources, group, length); // [R, H, T, S]
      }
      z = mergeHeads(mixed); // [R, T, D]
    }
    if (norm != null && constantsInWeights(parameterStore, training)) {
      // The norm's constant factor sqrt(D) * g goes into the output weights, once. z is this
      // call's own row-major array (a view of the fresh product, or a copy), which the norm may
      // overwrite.
      InferenceParameters inference = (InferenceParameters) parameterStore;
      NDArray out =
          output.forwardScalingInputs(
              inference,
              norm.forwardWithoutGain(inference, z),
              NORM_GAIN,
              norm.gainTimesSqrtD(inference, z));
      return new AttentionResult(out, weights);
    }
    if (norm != null) {
      z = norm.forward(parameterStore, z, training);
    }
    return new AttentionResult(output.forward(parameterStore, z, training), weights);
  }

  /**
   * Self-attention of {@code x} on itself.
   *
   * @param x [B, T, D]
   * @param mask broadcastable to [B, H, T, T]
   */
  public AttentionResult selfAttention(
      ParameterStore parameterStore, NDArray x, NDArray mask, boolean training) {
    QueryKeyValue projected = projectSelf(parameterStore, x, training);
    return attend(parameterStore, projected.query(), projected.keyValue(), mask, training);
  }

  /** [B, T, P * D] -> P arrays [B, H, T, d], for P fused projections. */
  private NDList splitHeads(NDArray x, int parts) {
    Shape shape = x.getShape();
    long batch = shape.get(0);
    long length = shape.get(1);
    long heads = (long) parts * numHeads;
    NDArray byHead =
        length == 1
            ? x.reshape(batch, heads, 1, -1) // a decoding step: [B, 1, P * D] is [B, P * H, 1, d]
            : x.reshape(batch, length, heads, -1).transpose(0, 2, 1, 3); // [B, P * H, T, d]
    return parts == 1 ? new NDList(byHead) : byHead.split(parts, 1); // P x [B, H, T, d]
  }

  /**
   * {@code x} in row-major order: flattening copies a view that is not (DJL has no call for
   * PyTorch's {@code contiguous()}), and the result reshaped back is a view of that copy.
   */
  private static NDArray contiguous(NDArray x) {
    return x.reshape(-1).reshape(x.getShape());
  }

  /** [N, H, G, X] -> [N, G, H, X] (a view), so that the rows of one source come first. */
  private static NDArray rowsFirst(NDArray x, int group) {
    return group == 1 ? x : x.transpose(0, 2, 1, 3);
  }

  /** [B, H, T, d] -> [B, T, D]. */
  private NDArray mergeHeads(NDArray x) {
    Shape shape = x.getShape();
    return x.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), dModel);
  }

  /** [N*G, H, T, d] -> [N, G, H, T, d] -> [N, H, G, T, d] -> [N, H, G*T, d]. */
  private static NDArray foldGroups(NDArray x, long sources, int group) {
    Shape shape = x.getShape();
    if (shape.get(2) == 1) {
      return x.reshape(sources, group, shape.get(1), shape.get(3)).transpose(0, 2, 1, 3);
    }
    return x.reshape(sources, group, shape.get(1), shape.get(2), shape.get(3))
        .transpose(0, 2, 1, 3, 4)
        .reshape(sources, shape.get(1), group * shape.get(2), shape.get(3));
  }

  /** [N, H, G*T, X] -> [N, H, G, T, X] -> [N, G, H, T, X] -> [N*G, H, T, X]. */
  private static NDArray unfoldGroups(NDArray x, long sources, int group, long length) {
    Shape shape = x.getShape();
    return x.reshape(sources, shape.get(1), group, length, shape.get(3))
        .transpose(0, 2, 1, 3, 4)
        .reshape(sources * group, shape.get(1), length, shape.get(3));
  }

  /** Inputs: query source [B, T, D], key/value source [B, S, D], mask; outputs: output, weights. */
  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray mask = inputs.size() > 2 ? inputs.get(2) : null;
    AttentionResult result;
    if (qkv != null) {
      result = selfAttention(parameterStore, inputs.get(0), mask, training);
    } else {
      NDArray queries = projectQuery(parameterStore, inputs.get(0), training);
      KeyValue memory = projectMemory(parameterStore, inputs.get(1), training);
      result = attend(parameterStore, queries, memory, mask, training);
    }
    return new NDList(result.output(), result.weights());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape q = inputShapes[0];
    Shape k = inputShapes[inputShapes.length > 1 ? 1 : 0];
    return new Shape[] {q, new Shape(q.get(0), numHeads, q.get(1), k.get(1))};
  }

  /** Builder: {@code setX} for required values, {@code optX} for optional ones. */
  public static final class Builder {
    private int dModel;
    private int numHeads;
    private AttentionKind kind;
    private boolean cross;
    private float attentionDropout;
    private float relaEps = 1e-6f;

    private Builder() {}

    public Builder setDModel(int dModel) {
      this.dModel = dModel;
      return this;
    }

    public Builder setNumHeads(int numHeads) {
      this.numHeads = numHeads;
      return this;
    }

    public Builder setKind(AttentionKind kind) {
      this.kind = kind;
      return this;
    }

    /** Cross attention (separate query and memory projections) instead of self-attention. */
    public Builder optCross(boolean cross) {
      this.cross = cross;
      return this;
    }

    public Builder optAttentionDropout(float attentionDropout) {
      this.attentionDropout = attentionDropout;
      return this;
    }

    public Builder optRelaEps(float relaEps) {
      this.relaEps = relaEps;
      return this;
    }

    /** Builds the block after checking that the heads divide d_model. */
    public MultiHeadAttention build() {
      if (kind == null) {
        throw new IllegalArgumentException("the attention kind must be set");
      }
      if (dModel <= 0 || numHeads <= 0 || dModel % numHeads != 0) {
        throw new IllegalArgumentException(
            "d_model (" + dModel + ") must be a positive multiple of num_heads (" + numHeads + ")");
      }
      return new MultiHeadAttention(this);
    }
  }
}
