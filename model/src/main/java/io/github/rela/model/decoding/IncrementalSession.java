package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.rela.model.transformer.DecoderState;
import io.github.rela.model.transformer.EncoderOutput;
import io.github.rela.model.transformer.StepOutput;
import io.github.rela.model.transformer.TargetVocabulary;
import io.github.rela.model.transformer.Transformer;

/**
 * Incremental decoding on {@link Transformer#step}: the self-attention keys and values grow by one
 * position per step, the cross-attention keys and values are projected once per source and shared
 * by its G rows, and reordering gathers the caches (at the next step, as they grow).
 */
final class IncrementalSession implements DecodingSession {
  private final Transformer model;
  private final ParameterStore parameterStore;
  private final NDManager manager;
  private DecoderState state;

  IncrementalSession(
      Transformer model,
      ParameterStore parameterStore,
      EncoderOutput encoded,
      int groupSize,
      TargetVocabulary vocabulary) {
    this.model = model;
    this.parameterStore = parameterStore;
    this.manager = encoded.memory().getManager();
    this.state = model.startDecoding(parameterStore, encoded, groupSize, vocabulary);
    Ownership.handOver(new NDList(), state.arrays());
  }

  @Override
  public StepScores step(long[] tokens) {
    StepOutput out = model.step(parameterStore, manager.create(tokens), state);
    replace(out.state());
    return new StepScores(out.logits(), out.crossAttention(), state.vocabulary());
  }

  @Override
  public void reorder(long[] rows) {
    replace(state.reorder(rows));
  }

  @Override
  public void selectSources(long[] sources, long[] rows) {
    replace(state.selectSources(manager.create(sources), rows));
  }

  @Override
  public void close() {
    state.arrays().forEach(NDArray::close);
  }

  private void replace(DecoderState next) {
    Ownership.handOver(state.arrays(), next.arrays());
    state = next;
  }
}
