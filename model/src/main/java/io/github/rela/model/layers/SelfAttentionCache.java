package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * The decoder self-attention's keys and values of every position decoded so far: what the next step
 * attends to besides its own position.
 *
 * <p>Beam search reorders the rows after a step (back-pointers) and the next step appends one
 * position. On the engine that is two copies of the whole cache per layer and step, a gather of the
 * rows and a concatenation. {@link #grow} makes it one: each row and head of the new cache takes
 * its source row's positions and then the step's own, in one pass. On the CPU in float32 the pass
 * runs here, over the arrays' own memory (a bulk copy per row and head), where a step reorders
 * (beam search): in a profile of beam 4 batch 32 decoding the engine's gather and concatenation
 * were 10.0% of the search's samples, this pass is 4.6%. Greedy search has nothing to reorder and
 * keeps the engine's one concatenation per array, as cheap in fewer native calls.
 *
 * <p>Keys are kept [R, H, P, d] like the values, not transposed, so that a row and head is one run
 * of memory; attention reads them through a transposed view ({@link #keyValue}).
 *
 * @param keys [R, H, P, d]
 * @param values [R, H, P, d]
 */
public record SelfAttentionCache(NDArray keys, NDArray values) {

  /**
   * The cache after a step: row r holds row {@code rows[r]} of {@code past}, then the step's own
   * positions.
   *
   * @param past P earlier positions, or null when P = 0
   * @param rows back-pointers into the rows of {@code past}, [R]; null keeps its rows in order
   * @param step the step's projections (T positions, R rows)
   * @return [R, H, P + T, d] keys and values
   */
  public static SelfAttentionCache grow(SelfAttentionCache past, long[] rows, QueryKeyValue step) {
    if (past == null && rows != null) {
      throw new IllegalArgumentException("back-pointers need a cache to point into");
    }
    if (past != null) {
      checkRows(rows, Math.toIntExact(step.keys().getShape().get(0)), past.rows());
    }
    return onHost(past, rows, step) ? growOnHost(past, rows, step) : growOnEngine(past, rows, step);
  }

  /** Keys and values as {@link MultiHeadAttention#attend} takes them (the keys a view). */
  public KeyValue keyValue() {
    return KeyValue.of(keys, values);
  }

  /** Number of rows (R). */
  public long rows() {
    return values.getShape().get(0);
  }

  /** Number of positions (P). */
  public long length() {
    return values.getShape().get(2);
  }

  /** A decoding step (one position) that reorders the rows, with arrays Java can reach. */
  private static boolean onHost(SelfAttentionCache past, long[] rows, QueryKeyValue step) {
    return rows != null
        && step.keys().getShape().get(2) == 1
        && HostArrays.serves(step.fused())
        && HostArrays.serves(past.keys)
        && HostArrays.serves(past.values);
  }

  /** The engine's gather of the rows, then its concatenation along the positions. */
  static SelfAttentionCache growOnEngine(SelfAttentionCache past, long[] rows, QueryKeyValue step) {
    if (past == null) {
      return new SelfAttentionCache(step.keys(), step.values());
    }
    SelfAttentionCache kept = past;
    if (rows != null) {
      NDArray index = step.fused().getManager().create(rows);
      kept = new SelfAttentionCache(Rows.select(past.keys, index), Rows.select(past.values, index));
    }
    return new SelfAttentionCache(
        kept.keys.concat(step.keys(), 2), kept.values.concat(step.values(), 2));
  }

  /**
   * Both copies in one pass, in Java, into new arrays in the step's manager.
   *
   * @param past P >= 1 earlier positions
   * @param rows back-pointers into the rows of {@code past}, [R]
   */
  static SelfAttentionCache growOnHost(SelfAttentionCache past, long[] rows, QueryKeyValue step) {
    Shape shape = step.keys().getShape(); // [R, H, 1, d]
    int count = Math.toIntExact(shape.get(0));
    int heads = Math.toIntExact(shape.get(1));
    int width = Math.toIntExact(shape.get(3));
    int length = Math.toIntExact(past.length());
    Layout layout = new Layout(count, heads, length, width, rows);
    NDManager manager = step.fused().getManager();
    NDArray keys = manager.create(new Shape(count, heads, length + 1, width));
    NDArray values = manager.create(new Shape(count, heads, length + 1, width));
    FloatBuffer fused = HostArrays.floats(step.fused()); // [R, 1, 3 * H * d]
    layout.fill(HostArrays.floats(keys), HostArrays.floats(past.keys), fused, 1);
    layout.fill(HostArrays.floats(values), HostArrays.floats(past.values), fused, 2);
    return new SelfAttentionCache(keys, values);
  }

  private static void checkRows(long[] rows, int count, long pastRows) {
    if (rows == null) {
      if (pastRows != count) {
        throw new IllegalArgumentException(
            "the step has " + count + " rows, the cache " + pastRows + ", and no back-pointers");
      }
      return;
    }
    if (rows.length != count) {
      throw new IllegalArgumentException(
          "the step has " + count + " rows but " + rows.length + " back-pointers");
    }
    for (long row : rows) {
      if (row < 0 || row >= pastRows) {
        throw new IllegalArgumentException(
            "back-pointer " + row + " outside the cache's " + pastRows + " rows");
      }
    }
  }

  /**
   * Where a row and head lies in the old cache, the new cache and the step's fused projection.
   *
   * @param rows back-pointers: row r of the new cache continues row {@code rows[r]} of the old
   */
  private record Layout(int count, int heads, int length, int width, long[] rows) {

    /**
     * Writes {@code into}, [R, H, P + 1, d]: for each row and head, P positions of its source row
     * in {@code past}, [R', H, P, d], then the step's, part {@code part} (1 keys, 2 values) of the
     * fused [R, 1, 3, H, d].
     */
    void fill(FloatBuffer into, FloatBuffer past, FloatBuffer fused, int part) {
      int span = length * width; // one row and head of the past
      for (int r = 0; r < count; r++) {
        int from = (int) rows[r];
        for (int h = 0; h < heads; h++) {
          int at = (r * heads + h) * (span + width);
          into.put(at, past, (from * heads + h) * span, span);
          into.put(at + span, fused, ((r * 3 + part) * heads + h) * width, width);
        }
      }
    }
  }
}
