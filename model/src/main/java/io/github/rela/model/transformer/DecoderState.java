package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.rela.model.layers.KeyValue;
import io.github.rela.model.layers.Rows;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of incremental decoding for R = N * G hypotheses of N sources (G hypotheses per source,
 * e.g. the beam), immutable: every change returns a new state.
 *
 * <p>Rows are grouped by source: rows {@code n*G .. n*G + G - 1} belong to source n. The
 * cross-attention keys and values are kept once per source (N rows) and shared by its G rows; the
 * self-attention caches have one row per hypothesis (R rows).
 */
public final class DecoderState {
  private final List<KeyValue> selfCache;
  private final List<KeyValue> memory;
  private final NDArray sourceMask;
  private final int position;
  private final int groupSize;
  private final TargetVocabulary vocabulary;
  private final OutputRows outputRows;

  /**
   * Creates a state; {@link Transformer#startDecoding} is the usual way.
   *
   * @param selfCache per decoder layer, R rows of P positions; empty before the first step
   * @param memory per decoder layer, projected memory of N rows
   * @param sourceMask [N, 1, 1, S]
   * @param position P, the number of target positions already decoded
   * @param groupSize G, rows per source
   * @param vocabulary the pieces each step scores
   * @param outputRows the output matrix's rows of a shortlist's pieces; null for the whole
   *     vocabulary
   */
  DecoderState(
      List<KeyValue> selfCache,
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
    this.selfCache = List.copyOf(selfCache);
    this.memory = List.copyOf(memory);
    this.sourceMask = sourceMask;
    this.position = position;
    this.groupSize = groupSize;
    this.vocabulary = vocabulary;
    this.outputRows = outputRows;
  }

  /** Self-attention caches, one per decoder layer (R rows); empty before the first step. */
  public List<KeyValue> selfCache() {
    return selfCache;
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
  DecoderState advance(List<KeyValue> grownCache) {
    return new DecoderState(
        grownCache, memory, sourceMask, position + 1, groupSize, vocabulary, outputRows);
  }

  /** Number of sources (N). */
  public long sources() {
    return sourceMask.getShape().get(0);
  }

  /**
   * Reorders hypotheses within their sources (beam search back-pointers): row r of the new state
   * takes the self-attention cache of row {@code rows[r]} of this one. Sources keep their memory.
   *
   * @param rows int64 indices into the current rows, [R]
   */
  public DecoderState reorder(NDArray rows) {
    List<KeyValue> reordered = new ArrayList<>(selfCache.size());
    for (KeyValue cache : selfCache) {
      reordered.add(cache.selectRows(rows));
    }
    return new DecoderState(
        reordered, memory, sourceMask, position, groupSize, vocabulary, outputRows);
  }

  /**
   * Keeps only some sources (e.g. drops finished sentences from the batch) with their memory, and
   * reorders the rows in the same gather: row r of the new state takes the self-attention cache of
   * row {@code rows[r]}, a row of a kept source.
   *
   * @param sourceIndices int64 indices of the sources to keep, [N']
   * @param rows int64 indices into the current rows, [N' * G]
   */
  public DecoderState selectSources(NDArray sourceIndices, NDArray rows) {
    List<KeyValue> keptMemory = new ArrayList<>(memory.size());
    for (KeyValue keyValue : memory) {
      keptMemory.add(keyValue.selectRows(sourceIndices));
    }
    DecoderState kept =
        new DecoderState(
            selfCache,
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
    for (KeyValue keyValue : selfCache) {
      arrays.add(keyValue.keys());
      arrays.add(keyValue.values());
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
