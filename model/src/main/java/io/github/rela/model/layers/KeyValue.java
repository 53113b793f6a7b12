package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;

/**
 * Projected keys and values split into heads: a decoder self-attention cache, or the
 * cross-attention memory computed once per source sentence.
 *
 * <p>The keys are kept transposed, as the scores {@code Q K^T} use them: the memory is then
 * transposed once per source rather than at every decoding step.
 *
 * @param keys the transposed keys, [N, H, d_head, S]
 * @param values [N, H, S, d_head]
 */
public record KeyValue(NDArray keys, NDArray values) {

  /**
   * Keys and values of the same positions split into heads.
   *
   * @param keys [N, H, S, d_head]
   * @param values [N, H, S, d_head]
   */
  public static KeyValue of(NDArray keys, NDArray values) {
    return new KeyValue(keys.transpose(0, 1, 3, 2), values);
  }

  /** This cache followed by {@code next} along the time axis: S + S' positions. */
  public KeyValue append(KeyValue next) {
    return new KeyValue(keys.concat(next.keys, 3), values.concat(next.values, 2));
  }

  /**
   * Keeps (and may repeat or reorder) rows of the batch axis, e.g. to follow beam search's
   * back-pointers.
   *
   * @param rows int64 row indices, [N']
   * @return N' rows
   */
  public KeyValue selectRows(NDArray rows) {
    return new KeyValue(Rows.select(keys, rows), Rows.select(values, rows));
  }

  /** Number of rows (the batch axis N). */
  public long rows() {
    return keys.getShape().get(0);
  }

  /** Number of positions (the time axis S). */
  public long length() {
    return values.getShape().get(2);
  }
}
