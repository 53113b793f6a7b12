package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * Row selection along the first axis as one engine call. DJL runs {@code x.get(new NDIndex("{}",
 * rows))} as five native calls (building, filling and freeing an index); an embedding lookup of the
 * rows flattened to [N, rest] is the same copy in one, and decoding gathers its caches at every
 * beam step.
 */
public final class Rows {
  private Rows() {}

  /**
   * Rows {@code rows} of {@code x} (repeated or reordered as given).
   *
   * @param x [N, ...]
   * @param rows int64 indices into the first axis, [N']
   * @return [N', ...]
   */
  public static NDArray select(NDArray x, NDArray rows) {
    Shape shape = x.getShape();
    if (shape.dimension() == 2) {
      return Embedding.embedding(rows, x, SparseFormat.DENSE).head(); // [N', rest]
    }
    NDArray flat = x.reshape(shape.get(0), -1); // [N, rest]
    NDArray picked = Embedding.embedding(rows, flat, SparseFormat.DENSE).head(); // [N', rest]
    NDArray selected = picked.reshape(new Shape(rows.getShape().get(0)).addAll(shape.slice(1)));
    // The result is a view of picked: the handles of the intermediates go now, or their storage
    // would stay held by whatever scope encloses the call (a whole batch, for beam reordering)
    // after the caller has closed the result.
    picked.close();
    flat.close();
    return selected;
  }

  /** Rows of {@code x}, [..., D]: the product of every axis but the last. */
  static long count(NDArray x) {
    Shape shape = x.getShape();
    return shape.size() / shape.get(shape.dimension() - 1);
  }
}
