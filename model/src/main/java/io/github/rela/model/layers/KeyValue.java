package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Projected keys and values split into heads: a decoder self-attention cache, or the
 * cross-attention memory computed once per source sentence.
 *
 * @param keys [N, H, S, d_head]
 * @param values [N, H, S, d_head]
 */
public record KeyValue(NDArray keys, NDArray values) {

  /** This cache followed by {@code next} along the time axis: [N, H, S + S', d_head]. */
  public KeyValue append(KeyValue next) {
    return new KeyValue(keys.concat(next.keys, 2), values.concat(next.values, 2));
  }

  /**
   * Keeps (and may repeat or reorder) rows of the batch axis, e.g. to follow beam search's
   * back-pointers.
   *
   * @param rows int64 row indices, [N']
   * @return [N', H, S, d_head]
   */
  public KeyValue selectRows(NDArray rows) {
    NDIndex index = new NDIndex("{}", rows);
    return new KeyValue(keys.get(index), values.get(index));
  }

  /** Number of rows (the batch axis N). */
  public long rows() {
    return keys.getShape().get(0);
  }

  /** Number of positions (the time axis S). */
  public long length() {
    return keys.getShape().get(2);
  }
}
