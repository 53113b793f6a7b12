package io.github.rela.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SelfAttentionCacheTest {
  private static final int HEADS = 4;
  private static final int HEAD_WIDTH = 8;

  @Test
  void shouldGatherAndAppendOnTheHostAsTheEngineDoes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Given three steps: 3 rows, then 4 rows reordered from them, then 2 rows of those 4
      long[][] backPointers = {null, {1, 1, 0, 2}, {3, 0}};
      int[] rows = {3, 4, 2};
      SelfAttentionCache host = null;
      SelfAttentionCache engine = null;
      for (int step = 0; step < rows.length; step++) {
        QueryKeyValue projected = step(manager, rows[step], DataType.FLOAT32);
        // When each path grows its own cache (the host's takes over once there is one to reorder)
        host =
            step == 0
                ? SelfAttentionCache.growOnEngine(null, null, projected)
                : SelfAttentionCache.growOnHost(host, backPointers[step], projected);
        engine = SelfAttentionCache.growOnEngine(engine, backPointers[step], projected);
        // Then the caches hold the same values, [R, H, step + 1, d]
        Shape expected = new Shape(rows[step], HEADS, step + 1, HEAD_WIDTH);
        assertEquals(expected, host.keys().getShape());
        assertEquals(expected, host.values().getShape());
        assertArrayEquals(engine.keys().toFloatArray(), host.keys().toFloatArray(), 0f);
        assertArrayEquals(engine.values().toFloatArray(), host.values().toFloatArray(), 0f);
      }
    }
  }

  @Test
  void shouldPutEachRowsStepAfterItsSourceRowsPositions() {
    try (NDManager manager = NDManager.newBaseManager()) {
      QueryKeyValue first = step(manager, 2, DataType.FLOAT32);
      QueryKeyValue second = step(manager, 2, DataType.FLOAT32);
      SelfAttentionCache cache = SelfAttentionCache.grow(null, null, first);

      SelfAttentionCache grown = SelfAttentionCache.grow(cache, new long[] {1, 1}, second);

      for (int row = 0; row < 2; row++) {
        NDArray keys = grown.keys().get(row); // [H, 2, d]
        assertArrayEquals(first.keys().get(1).toFloatArray(), keys.get(":, 0").toFloatArray());
        assertArrayEquals(second.keys().get(row).toFloatArray(), keys.get(":, 1").toFloatArray());
        NDArray values = grown.values().get(row);
        assertArrayEquals(first.values().get(1).toFloatArray(), values.get(":, 0").toFloatArray());
        assertArrayEquals(
            second.values().get(row).toFloatArray(), values.get(":, 1").toFloatArray());
      }
    }
  }

  @Test
  void shouldLeaveOtherTypesToTheEngine() {
    try (NDManager manager = NDManager.newBaseManager()) {
      QueryKeyValue first = step(manager, 2, DataType.FLOAT64);
      QueryKeyValue second = step(manager, 2, DataType.FLOAT64);

      SelfAttentionCache grown =
          SelfAttentionCache.grow(
              SelfAttentionCache.grow(null, null, first), new long[] {1, 0}, second);

      assertEquals(DataType.FLOAT64, grown.keys().getDataType());
      assertArrayEquals(
          first.keys().get(1).toDoubleArray(), grown.keys().get("0, :, 0").toDoubleArray(), 0);
      assertArrayEquals(
          second.values().get(0).toDoubleArray(), grown.values().get("0, :, 1").toDoubleArray(), 0);
    }
  }

  @Test
  void shouldRefuseBackPointersThatDoNotFit() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SelfAttentionCache cache =
          SelfAttentionCache.grow(null, null, step(manager, 2, DataType.FLOAT32));
      QueryKeyValue next = step(manager, 2, DataType.FLOAT32);
      QueryKeyValue three = step(manager, 3, DataType.FLOAT32);

      assertThrows(
          IllegalArgumentException.class,
          () -> SelfAttentionCache.grow(null, new long[] {0, 0}, next));
      assertThrows(
          IllegalArgumentException.class,
          () -> SelfAttentionCache.grow(cache, new long[] {0, 2}, next));
      assertThrows(
          IllegalArgumentException.class,
          () -> SelfAttentionCache.grow(cache, new long[] {0}, next));
      assertThrows(
          IllegalArgumentException.class, () -> SelfAttentionCache.grow(cache, null, three));
    }
  }

  /** A step's projection of {@code rows} rows split as {@link MultiHeadAttention} splits it. */
  private static QueryKeyValue step(NDManager manager, int rows, DataType type) {
    NDArray fused =
        manager.randomNormal(new Shape(rows, 1, 3 * HEADS * HEAD_WIDTH)).toType(type, false);
    NDList parts = fused.reshape(rows, 3 * HEADS, 1, HEAD_WIDTH).split(3, 1); // 3 x [R, H, 1, d]
    return new QueryKeyValue(parts.get(0), parts.get(1), parts.get(2), fused);
  }
}
