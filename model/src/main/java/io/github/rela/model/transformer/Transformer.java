package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.rela.model.attention.Masks;
import io.github.rela.model.config.ModelConfig;
import io.github.rela.model.layers.Decoder;
import io.github.rela.model.layers.Encoder;
import io.github.rela.model.layers.InferenceParameters;
import io.github.rela.model.layers.ModelBlock;
import io.github.rela.model.layers.Projection;
import io.github.rela.model.layers.Rows;
import io.github.rela.model.layers.SinusoidalPositions;
import io.github.rela.model.layers.StackOutput;
import io.github.rela.model.layers.TokenEmbedding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ReLA Transformer encoder-decoder (Zhang, Titov and Sennrich 2021, on Vaswani et al. 2017).
 *
 * <p>Shapes: B batch, S source length, T target length, D = d_model, V vocabulary, H heads; in
 * incremental decoding N sources and R = N * G hypothesis rows.
 *
 * <p>As a DJL block, {@code forward(parameterStore, [sourceIds [B, S], targetInputIds [B, T]],
 * training)} returns {@code [logits [B, T, V]]}, which is what a DJL {@code Trainer} needs. For
 * decoding, {@link #encode} runs once per batch, then either {@link #decode} scores whole target
 * prefixes or {@link #startDecoding} and {@link #step} decode one token at a time with caches.
 * Every call also returns each layer's attention weights, at no extra cost.
 *
 * <p>Children: {@code embedding} (shared) or {@code sourceEmbedding} and {@code targetEmbedding},
 * {@code encoder}, {@code decoder}, and {@code generator} when the output is not tied. {@link
 * #namedParameters()} gives the stable, dotted parameter names used in checkpoints.
 */
public final class Transformer extends ModelBlock {
  /** DJL prefixes child names with their 2-digit insertion rank; checkpoint names drop it. */
  private static final Pattern RANK_PREFIX = Pattern.compile("(^|_)\\d{2}");

  private final ModelConfig config;
  private final TokenEmbedding sourceEmbedding;
  private final TokenEmbedding targetEmbedding;
  private final Encoder encoder;
  private final Decoder decoder;
  private final Projection generator;

  private Transformer(ModelConfig config) {
    this.config = config;
    if (config.shareEmbeddings()) {
      this.sourceEmbedding =
          addChildBlock("embedding", new TokenEmbedding(config.sourceVocabSize(), config.dModel()));
      this.targetEmbedding = sourceEmbedding;
    } else {
      this.sourceEmbedding =
          addChildBlock(
              "sourceEmbedding", new TokenEmbedding(config.sourceVocabSize(), config.dModel()));
      this.targetEmbedding =
          addChildBlock(
              "targetEmbedding", new TokenEmbedding(config.targetVocabSize(), config.dModel()));
    }
    this.encoder = addChildBlock("encoder", new Encoder(config));
    this.decoder = addChildBlock("decoder", new Decoder(config));
    this.generator =
        config.tieOutput()
            ? null
            : addChildBlock(
                "generator", new Projection(config.dModel(), config.targetVocabSize(), false));
  }

  /** Builds an uninitialised model; call {@link #initializeParameters} or load a checkpoint. */
  public static Transformer create(ModelConfig config) {
    return new Transformer(config);
  }

  /** Initialises every parameter (Xavier uniform projections) in {@code manager}. */
  public void initializeParameters(NDManager manager, DataType dataType) {
    initialize(manager, dataType, new Shape(1, 1), new Shape(1, 1));
  }

  public ModelConfig config() {
    return config;
  }

  /**
   * Every parameter under its stable checkpoint name, e.g. {@code
   * decoder.layer0.crossAttention.keyValue.weight}, in a fixed order.
   */
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> named = new LinkedHashMap<>();
    for (Pair<String, Parameter> pair : getParameters()) {
      String name = RANK_PREFIX.matcher(pair.getKey()).replaceAll("$1").replace('_', '.');
      named.put(name, pair.getValue());
    }
    return named;
  }

  /**
   * Encodes a batch of sources.
   *
   * @param sourceIds token ids padded with {@code padId}, [B, S]
   */
  public EncoderOutput encode(ParameterStore parameterStore, NDArray sourceIds, boolean training) {
    NDArray x = sourceEmbedding.embed(parameterStore, sourceIds, training); // [B, S, D]
    x = addPositions(x, 0, training);
    NDArray sourceMask = Masks.padding(sourceIds, config.padId(), x.getDataType()); // [B,1,1,S]
    StackOutput out = encoder.forward(parameterStore, x, sourceMask, training);
    return new EncoderOutput(out.output(), sourceMask, out.selfWeights());
  }

  /**
   * Decodes whole target prefixes in parallel (teacher forcing).
   *
   * @param targetIds decoder inputs (BOS followed by the target, padded), [B, T]
   * @param encoded the encoded sources of the same batch
   */
  public DecoderOutput decode(
      ParameterStore parameterStore, NDArray targetIds, EncoderOutput encoded, boolean training) {
    int length = (int) targetIds.getShape().get(1);
    NDArray y = targetEmbedding.embed(parameterStore, targetIds, training); // [B, T, D]
    y = addPositions(y, 0, training);
    NDArray selfMask =
        Masks.causal(y.getManager(), length, y.getDataType())
            .mul(Masks.padding(targetIds, config.padId(), y.getDataType())); // [B, 1, T, T]
    StackOutput out =
        decoder.forward(
            parameterStore,
            y,
            selfMask,
            List.of(),
            null,
            decoder.projectMemory(parameterStore, encoded.memory(), encoded.sourceMask(), training),
            encoded.sourceMask(),
            training);
    NDArray logits = outputLogits(parameterStore, out.output(), training); // [B, T, V]
    return new DecoderOutput(logits, out.selfWeights(), out.crossWeights());
  }

  /**
   * Starts incremental decoding over the whole target vocabulary: projects the memory for every
   * layer's cross attention once.
   *
   * @param encoded the N encoded sources
   * @param groupSize G, the hypotheses per source that {@link #step} will receive (beam size, or 1)
   */
  public DecoderState startDecoding(
      ParameterStore parameterStore, EncoderOutput encoded, int groupSize) {
    return startDecoding(
        parameterStore, encoded, groupSize, TargetVocabulary.all(config.targetVocabSize()));
  }

  /**
   * Starts incremental decoding whose steps score only {@code vocabulary}'s pieces: their rows of
   * the output matrix are gathered once here, [K, D].
   */
  public DecoderState startDecoding(
      ParameterStore parameterStore,
      EncoderOutput encoded,
      int groupSize,
      TargetVocabulary vocabulary) {
    if (groupSize < 1) {
      throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
    }
    OutputRows outputRows = null;
    if (!vocabulary.isAll()) {
      NDManager manager = encoded.memory().getManager();
      NDArray rows =
          Rows.select(
              outputMatrix(parameterStore, encoded.memory()),
              manager.create(vocabulary.tokenIds())); // [V, D] -> [K, D]
      rows.attach(manager); // the batch's, not the weights' manager
      outputRows = OutputRows.of(rows, encoded.memory().getShape().get(0) * groupSize);
    }
    return new DecoderState(
        List.of(),
        null,
        decoder.projectMemory(parameterStore, encoded.memory(), encoded.sourceMask(), false),
        encoded.sourceMask(),
        0,
        groupSize,
        vocabulary,
        outputRows);
  }

  /**
   * Decodes one token per hypothesis (inference only, no dropout).
   *
   * @param tokens the last token of each hypothesis (BOS at the first step), [R] with R = N * G
   * @param state the state before the step
   * @return next-token logits [R, V] (or [R, K] over the state's shortlist), cross-attention
   *     weights, and the advanced state
   */
  public StepOutput step(ParameterStore parameterStore, NDArray tokens, DecoderState state) {
    long rows = tokens.getShape().get(0);
    NDArray y = targetEmbedding.embed(parameterStore, tokens.reshape(rows, 1), false);
    y = addStepPosition(parameterStore, y, state.position()); // [R, 1, D]
    StackOutput out =
        decoder.forward(
            parameterStore,
            y,
            null,
            state.selfCache(),
            state.pendingRows(),
            state.memory(),
            state.sourceMask(),
            false);
    NDArray logits =
        state.outputRows() == null
            ? outputLogits(parameterStore, out.output(), false).reshape(rows, -1) // [R, V]
            : state.outputRows().logits(out.output()).reshape(rows, -1); // [R, K]
    NDArray crossAttention =
        NDArrays.stack(new NDList(out.crossWeights()), 1)
            .squeeze(3); // L x [R, H, 1, S] -> [R, L, H, S]
    return new StepOutput(logits, crossAttention, state.advance(out.selfCaches()));
  }

  /**
   * [R, 1, D] + the encoding of {@code position}, made once per decoder (inference) rather than at
   * every step.
   */
  private NDArray addStepPosition(ParameterStore parameterStore, NDArray y, int position) {
    if (!(parameterStore instanceof InferenceParameters inference)) {
      return addPositions(y, position, false);
    }
    NDArray encoding =
        inference.constant(
            "position-" + position,
            () ->
                SinusoidalPositions.encode(
                    y.getManager(), position, 1, config.dModel(), y.getDataType())); // [1, D]
    return y.addi(encoding); // y is the step's own embedding
  }

  /** [B, T, D] + positions {@code offset ..}, then dropout. */
  private NDArray addPositions(NDArray x, int offset, boolean training) {
    int length = (int) x.getShape().get(1);
    NDArray positions =
        SinusoidalPositions.encode(
            x.getManager(), offset, length, config.dModel(), x.getDataType()); // [T, D]
    NDArray sum = x.add(positions);
    float dropout = config.dropout();
    return training && dropout > 0f ? Dropout.dropout(sum, dropout, true).head() : sum;
  }

  /** The output layer's matrix, [V, D] (the shared embedding when the output is tied). */
  private NDArray outputMatrix(ParameterStore parameterStore, NDArray like) {
    return generator == null
        ? targetEmbedding.matrix(parameterStore, like)
        : generator.matrix(parameterStore, like);
  }

  private NDArray outputLogits(ParameterStore parameterStore, NDArray y, boolean training) {
    return generator == null
        ? targetEmbedding.logits(parameterStore, y, training)
        : generator.forward(parameterStore, y, training);
  }

  /** Inputs: source ids [B, S], target input ids [B, T]; output: logits [B, T, V]. */
  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    EncoderOutput encoded = encode(parameterStore, inputs.get(0), training);
    return new NDList(decode(parameterStore, inputs.get(1), encoded, training).logits());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape target = inputShapes[1];
    return new Shape[] {new Shape(target.get(0), target.get(1), config.targetVocabSize())};
  }
}
