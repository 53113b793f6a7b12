package io.github.rela.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RowsTest {
  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void shouldSelectRowsAsIndexingDoes() {
    // Given a [3, 2, 4, 5] cache, a transposed (non-contiguous) view of it, and beam back-pointers
    NDArray cache = manager.arange(120f).reshape(3, 2, 4, 5);
    NDArray transposed = cache.transpose(0, 1, 3, 2); // [3, 2, 5, 4]
    NDArray rows = manager.create(new long[] {2, 0, 0, 1});
    for (NDArray x : new NDArray[] {cache, transposed}) {
      // When rows are repeated and reordered
      NDArray selected = Rows.select(x, rows);
      // Then the result equals advanced indexing, shape included
      NDArray expected = x.get(new NDIndex("{}", rows));
      assertEquals(expected.getShape(), selected.getShape());
      assertArrayEquals(expected.toFloatArray(), selected.toFloatArray());
    }
  }

  @Test
  void shouldLeaveNoIntermediateArrayBehind() {
    // Given a cache and back-pointers in a manager that outlives many selections (a batch's)
    NDArray cache = manager.arange(120f).reshape(3, 2, 4, 5);
    NDArray rows = manager.create(new long[] {2, 0, 0, 1});
    int before = manager.getManagedArrays().size();
    // When a selection is made and its caller closes it (as a beam step closes the old state)
    Rows.select(cache, rows).close();
    // Then nothing else it made is still held (it would keep the selection's storage alive)
    assertEquals(before, manager.getManagedArrays().size());
  }

  @Test
  void shouldSelectRowsOfAMatrix() {
    NDArray matrix = manager.arange(6f).reshape(3, 2);
    NDArray selected = Rows.select(matrix, manager.create(new long[] {1, 1}));
    assertEquals(new Shape(2, 2), selected.getShape());
    assertArrayEquals(new float[] {2, 3, 2, 3}, selected.toFloatArray());
  }
}
