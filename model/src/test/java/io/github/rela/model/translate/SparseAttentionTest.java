package io.github.rela.model.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparseAttentionTest {
  /** Two target tokens, L = 2 layers, H = 1 head, S = 3 source positions. */
  private static final List<float[]> DENSE =
      List.of(new float[] {0.5f, 0f, 0.5f, 0f, 0f, 0f}, new float[] {0f, 1f, 0f, 0.2f, 0.8f, 0f});

  @Test
  void shouldKeepOnlyNonZeroWeightsPerLayerAndHead() {
    // When
    SparseAttention attention = SparseAttention.of(AttentionView.HEADS, DENSE, 2, 1, 3);
    // Then
    assertArrayEquals(new int[] {0, 2}, attention.row(0, 0, 0).positions());
    assertArrayEquals(new float[] {0.5f, 0.5f}, attention.row(0, 0, 0).weights());
    assertTrue(attention.row(1, 0, 0).isNull());
    assertArrayEquals(new int[] {0, 1}, attention.row(1, 0, 1).positions());
  }

  @Test
  void shouldAverageOverAllLayersOrTheLastOne() {
    // When
    SparseAttention all = SparseAttention.of(AttentionView.ALL_LAYERS, DENSE, 2, 1, 3);
    SparseAttention last = SparseAttention.of(AttentionView.LAST_LAYER, DENSE, 2, 1, 3);
    // Then
    assertArrayEquals(new float[] {0.25f, 0.25f}, all.row(0, 0, 0).weights());
    assertArrayEquals(new float[] {0.1f, 0.9f}, all.row(0, 0, 1).weights(), 1e-6f);
    assertTrue(last.row(0, 0, 0).isNull());
    assertEquals(1, last.layers());
  }

  @Test
  void shouldCountNullRowsAndZeroWeights() {
    // When
    AttentionStats stats = AttentionStats.of(DENSE, 2, 3);
    // Then: 1 of 4 rows is all zero; 7 of 12 weights are zero
    assertEquals(0.25, stats.nullRate(), 1e-12);
    assertEquals(7 / 12.0, stats.sparsity(), 1e-12);
  }
}
