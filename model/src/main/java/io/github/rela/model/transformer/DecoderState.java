package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.rela.model.layers.KeyValue;
import io.github.rela.model.layers.Rows;
import io.github.rela.model.layers.SelfAttentionCache;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of incremental decoding for R = N * G hypotheses of N sources (G hypotheses per source,
 * e.g. the beam), immutable: every change returns a new state.
 *
 * <p>Rows are grouped by source: rows {@code n*G .. n*G + G - 1} belong to source n. The
 * cross-attention keys and values are kept once per source (N rows) and shared by its G rows; the
 * self-attention caches have one row per hypothesis (R rows).
 *
 * <p>Reordering is deferred: the state records the back-pointers, and the next step applies them
 * while it grows the caches ({@link SelfAttentionCache#grow}), one copy of each cache per step
 * instead of two.
 */
public final class DecoderState {
  private final List<SelfAttentionCache> selfCache;
  private final long[] pendingRows;
  private final List<KeyValue> memory;
  private final NDArray sourceMask;
  private final int position;
  private final int groupSize;
  private final TargetVocabulary vocabulary;
  private final OutputRows outputRows;

  /**
   * Creates a state; {@link Transformer#startDecoding} is the usual way.
   *
   * @param selfCache per decoder layer, R' rows of P positions; empty before the first step
   * @param pendingRows back-pointers into the caches' R' rows that the next step applies, [R]; null
   *     when the rows are in order
   * @param memory per decoder layer, projected memory of N rows
   * @param sourceMask [N, 1, 1, S]
   * @param position P, the number of target positions already decoded
   * @param groupSize G, rows per source
   * @param vocabulary the pieces each step scores
   * @param outputRows the output matrix's rows of a shortlist's pieces; null for the whole
   *     vocabulary
   */
  DecoderState(
      List<SelfAttentionCache> selfCache,
      long[] pendingRows,
      List<KeyValue> memory,
      NDArray sourceMask,
      int position,
      int groupSize,
      TargetVocabulary vocabulary,
      OutputRows outputRows) {
    if (vocabulary.isAll() != (outputRows == null)) {
      throw new IllegalArgumentException(
          "a shortlist needs its output rows, the whole vocabulary none");
    }
    if (pendingRows != null && selfCache.isEmpty()) {
      throw new IllegalArgumentException("back-pointers need caches to point into");
    }
    this.selfCache = List.copyOf(selfCache);
    this.pendingRows = pendingRows;
    this.memory = List.copyOf(memory);
    this.sourceMask = sourceMask;
    this.position = position;
    this.groupSize = groupSize;
    this.vocabulary = vocabulary;
    this.outputRows = outputRows;
  }

  /**
   * Self-attention caches, one per decoder layer; empty before the first step. Their rows are those
   * before any pending reordering ({@link #pendingRows}).
   */
  public List<SelfAttentionCache> selfCache() {
    return selfCache;
  }

  /** Back-pointers into the caches' rows that the next step applies, [R]; null if in order. */
  long[] pendingRows() {
    return pendingRows;
  }

  /** Cross-attention keys and values, one per decoder layer (N rows). */
  public List<KeyValue> memory() {
    return memory;
  }

  /** Source padding mask, [N, 1, 1, S]. */
  public NDArray sourceMask() {
    return sourceMask;
  }

  /** Number of target positions decoded so far (the position of the next token). */
  public int position() {
    return position;
  }

  /** Hypotheses per source (G). */
  public int groupSize() {
    return groupSize;
  }

  /** The pieces each step scores (the columns of the step's logits). */
  public TargetVocabulary vocabulary() {
    return vocabulary;
  }

  /** The output matrix's rows of the shortlist's pieces; null for the whole vocabulary. */
  OutputRows outputRows() {
    return outputRows;
  }

  /** The state one position further, with the caches grown by the step. */
  DecoderState advance(List<SelfAttentionCache> grownCache) {
    return new DecoderState(
        grownCache, null, memory, sourceMask, position + 1, groupSize, vocabulary, outputRows);
  }

  /** Number of sources (N). */
  public long sources() {
    return sourceMask.getShape().get(0);
  }

  /**
   * Reorders hypotheses within their sources (beam search back-pointers): row r of the new state
   * takes the self-attention cache of row {@code rows[r]} of this one. Sources keep their memory.
   * Nothing is copied here: the next step gathers the rows as it grows the caches.
   *
   * @param rows indices into the current rows, [R]
   */
  public DecoderState reorder(long[] rows) {
    return new DecoderState(
        selfCache,
        selfCache.isEmpty() ? null : composed(rows),
        memory,
        sourceMask,
        position,
        groupSize,
        vocabulary,
        outputRows);
  }

  /** {@code rows} as indices into the caches' own rows: through the pending ones, if any. */
  private long[] composed(long[] rows) {
    if (pendingRows == null) {
      return rows.clone();
    }
    long[] composed = new long[rows.length];
    for (int r = 0; r < rows.length; r++) {
      composed[r] = pendingRows[Math.toIntExact(rows[r])];
    }
    return composed;
  }

  /**
   * Keeps only some sources (e.g. drops finished sentences from the batch) with their memory, and
   * reorders the rows in the same gather: row r of the new state takes the self-attention cache of
   * row {@code rows[r]}, a row of a kept source.
   *
   * @param sourceIndices int64 indices of the sources to keep, [N']
   * @param rows indices into the current rows, [N' * G]
   */
  public DecoderState selectSources(NDArray sourceIndices, long[] rows) {
    List<KeyValue> keptMemory = new ArrayList<>(memory.size());
    for (KeyValue keyValue : memory) {
      keptMemory.add(keyValue.selectRows(sourceIndices));
    }
    DecoderState kept =
        new DecoderState(
            selfCache,
            pendingRows,
            keptMemory,
            Rows.select(sourceMask, sourceIndices),
            position,
            groupSize,
            vocabulary,
            outputRows);
    return kept.reorder(rows);
  }

  /** Every array this state holds, e.g. to attach them to a manager that outlives a step. */
  public NDList arrays() {
    NDList arrays = new NDList();
    for (SelfAttentionCache cache : selfCache) {
      arrays.add(cache.keys());
      arrays.add(cache.values());
    }
    for (KeyValue keyValue : memory) {
      arrays.add(keyValue.keys());
      arrays.add(keyValue.values());
    }
    arrays.add(sourceMask);
    if (outputRows != null) {
      arrays.addAll(outputRows.arrays());
    }
    return arrays;
  }
}
