package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;

/**
 * Projected keys and values split into heads, as attention takes them: the cross-attention memory
 * computed once per source sentence, or a view of a decoder self-attention cache ({@link
 * SelfAttentionCache}).
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

  /**
   * Keeps (and may repeat or reorder) rows of the batch axis, e.g. the sources still decoded.
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
