package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.rela.model.transformer.DecoderOutput;
import io.github.rela.model.transformer.EncoderOutput;
import io.github.rela.model.transformer.TargetVocabulary;
import io.github.rela.model.transformer.Transformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decoding without caches: every step runs {@link Transformer#decode} on the whole prefix of every
 * row (memory projection included) and keeps the last position. Quadratic in the target length; it
 * is the reference incremental decoding must match and the baseline it must beat.
 */
final class RecomputeSession implements DecodingSession {
  private final Transformer model;
  private final ParameterStore parameterStore;
  private final NDManager manager;
  private final int groupSize;
  private final TargetVocabulary vocabulary;
  private final NDIndex columns;
  private EncoderOutput encoded;
  private long[][] prefixes;

  RecomputeSession(
      Transformer model,
      ParameterStore parameterStore,
      EncoderOutput encoded,
      int groupSize,
      TargetVocabulary vocabulary) {
    this.model = model;
    this.parameterStore = parameterStore;
    this.manager = encoded.memory().getManager();
    this.groupSize = groupSize;
    this.vocabulary = vocabulary;
    // A shortlist here only picks columns of the full logits: the same scores as the incremental
    // session's [K, D] output rows, without its saving.
    this.columns =
        vocabulary.isAll() ? null : new NDIndex(":, {}", manager.create(vocabulary.tokenIds()));
    this.encoded = new EncoderOutput(encoded.memory(), encoded.sourceMask(), List.of());
    this.prefixes = new long[(int) encoded.memory().getShape().get(0) * groupSize][0];
  }

  @Override
  public StepScores step(long[] tokens) {
    int rows = tokens.length;
    int length = prefixes[0].length + 1;
    long[] flat = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      long[] extended = Arrays.copyOf(prefixes[r], length);
      extended[length - 1] = tokens[r];
      prefixes[r] = extended;
      System.arraycopy(extended, 0, flat, r * length, length);
    }
    NDArray targetIds = manager.create(flat, new Shape(rows, length)); // [R, T]
    DecoderOutput out = model.decode(parameterStore, targetIds, encoded, false);
    NDIndex last = new NDIndex(":, -1, :");
    NDArray logits = out.logits().get(last); // [R, T, V] -> [R, V]
    if (columns != null) {
      logits = logits.get(columns); // [R, V] -> [R, K]
    }
    List<NDArray> cross = new ArrayList<>(out.crossAttention().size());
    for (NDArray weights : out.crossAttention()) {
      cross.add(weights.get(new NDIndex(":, :, -1, :"))); // [R, H, T, S] -> [R, H, S]
    }
    return new StepScores(
        logits, NDArrays.stack(new NDList(cross), 1), vocabulary); // cross: [R, L, H, S]
  }

  @Override
  public void reorder(long[] rows) {
    long[][] reordered = new long[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      reordered[r] = prefixes[(int) rows[r]];
    }
    prefixes = reordered;
  }

  @Override
  public void selectSources(long[] sources, long[] rows) {
    NDArray index = manager.create(sources);
    NDIndex selected = new NDIndex("{}", index);
    EncoderOutput kept =
        new EncoderOutput(
            encoded.memory().get(selected), encoded.sourceMask().get(selected), List.of());
    Ownership.handOver(arrays(encoded), arrays(kept));
    index.close();
    encoded = kept;
    reorder(rows);
  }

  @Override
  public void close() {
    arrays(encoded).forEach(NDArray::close);
  }

  private static NDList arrays(EncoderOutput output) {
    return new NDList(output.memory(), output.sourceMask());
  }
}
