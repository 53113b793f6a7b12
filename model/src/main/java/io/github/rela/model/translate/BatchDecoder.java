package io.github.rela.model.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.rela.model.decoding.DecodingOptions;
import io.github.rela.model.decoding.DecodingSession;
import io.github.rela.model.decoding.Hypothesis;
import io.github.rela.model.decoding.SearchStrategy;
import io.github.rela.model.layers.InferenceParameters;
import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.tokenizer.SpecialIds;
import io.github.rela.model.transformer.EncoderOutput;
import io.github.rela.model.transformer.TargetVocabulary;
import io.github.rela.model.transformer.Transformer;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one batch of tokenized sources: pads them, encodes once, runs the search.
 *
 * <p>Every array of a batch lives in a sub-manager of {@code manager} and in an {@link NDScope}
 * (which also catches arrays the engine attaches to the parameters' manager), both closed when the
 * batch ends, so native memory stays flat however many batches run. The values derived from the
 * weights ({@link InferenceParameters}) are kept across batches in a sub-manager of their own,
 * released by {@link #close}. Thread-confined; the model's weights may be shared between threads
 * and must not change while the decoder lives.
 */
public final class BatchDecoder implements AutoCloseable {
  private final Transformer model;
  private final NDManager manager;
  private final NDManager derivedManager;
  private final InferenceParameters parameters;
  private final SpecialIds specialIds;
  private final DecodingOptions options;
  private final SearchStrategy strategy;
  private final Shortlist shortlist;

  /**
   * @param manager parent of every batch's manager, on the device of the weights
   */
  public BatchDecoder(
      Transformer model, NDManager manager, SpecialIds specialIds, DecodingOptions options) {
    this(model, manager, specialIds, options, SearchStrategy.of(options, specialIds), null);
  }

  /**
   * A decoder that scores only {@code shortlist}'s pieces of each batch when {@link
   * DecodingOptions#shortlist()} is on.
   *
   * @param shortlist the checkpoint's shortlist, or null for the whole vocabulary
   */
  public BatchDecoder(
      Transformer model,
      NDManager manager,
      SpecialIds specialIds,
      DecodingOptions options,
      Shortlist shortlist) {
    this(model, manager, specialIds, options, SearchStrategy.of(options, specialIds), shortlist);
  }

  /**
   * A decoder with an explicit search strategy (e.g. beam search at beam 1, for comparisons).
   *
   * @param shortlist the checkpoint's shortlist, or null for the whole vocabulary
   */
  public BatchDecoder(
      Transformer model,
      NDManager manager,
      SpecialIds specialIds,
      DecodingOptions options,
      SearchStrategy strategy,
      Shortlist shortlist) {
    this.model = model;
    this.manager = manager;
    this.derivedManager = manager.newSubManager();
    this.parameters = new InferenceParameters(derivedManager);
    this.specialIds = specialIds;
    this.options = options;
    this.strategy = strategy;
    this.shortlist = options.shortlist() ? shortlist : null;
  }

  /**
   * Decodes {@code sources}.
   *
   * @param sources token ids, each ending with EOS and no longer than the model's maximum length
   * @return the best hypothesis of each source, in the order given
   */
  public List<Hypothesis> decode(List<int[]> sources) {
    if (sources.isEmpty()) {
      return List.of();
    }
    int[] lengths = sources.stream().mapToInt(ids -> ids.length).toArray();
    int[] maxLengths = new int[lengths.length];
    for (int n = 0; n < lengths.length; n++) {
      maxLengths[n] = options.maxLength(lengths[n], model.config().maxLength());
    }
    try (NDManager batch = manager.newSubManager();
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      ParameterStore parameterStore = parameters;
      NDArray sourceIds = padded(batch, sources); // [B, S]
      EncoderOutput encoded = model.encode(parameterStore, sourceIds, false);
      try (DecodingSession session =
          options
              .stepMode()
              .open(model, parameterStore, encoded, strategy.groupSize(), vocabulary(sources))) {
        return strategy.search(session, lengths, maxLengths);
      }
    }
  }

  /** The pieces this batch may produce: the shortlist's for these sources, or all. */
  private TargetVocabulary vocabulary(List<int[]> sources) {
    int size = model.config().targetVocabSize();
    return shortlist == null
        ? TargetVocabulary.all(size)
        : TargetVocabulary.of(shortlist.tokensFor(sources, specialIds, size));
  }

  /** The sources right-padded with PAD to the longest: [B, S] int64. */
  private NDArray padded(NDManager batch, List<int[]> sources) {
    int width = sources.stream().mapToInt(ids -> ids.length).max().orElse(1);
    long[] flat = new long[sources.size() * width];
    Arrays.fill(flat, specialIds.padId());
    for (int n = 0; n < sources.size(); n++) {
      int[] ids = sources.get(n);
      for (int i = 0; i < ids.length; i++) {
        flat[n * width + i] = ids[i];
      }
    }
    return batch.create(flat, new Shape(sources.size(), width));
  }

  /** Releases the values derived from the weights. */
  @Override
  public void close() {
    derivedManager.close();
  }
}
