package io.github.rela.evaluation.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AurocTest {

  @Test
  void shouldCountOrderedPairsAndHalfTies() {
    assertEquals(
        1.0, Auroc.of(new double[] {1, 2, 3, 4}, new boolean[] {false, false, true, true}));
    assertEquals(
        0.0, Auroc.of(new double[] {1, 2, 3, 4}, new boolean[] {true, true, false, false}));
    assertEquals(
        0.5, Auroc.of(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false}));
    // positive 3 beats both negatives (2); positive 2 beats 1 and ties 2 (1.5): 3.5 of 4 pairs
    assertEquals(
        0.875, Auroc.of(new double[] {3, 1, 2, 2}, new boolean[] {true, false, true, false}));
  }

  @Test
  void shouldBeUndefinedWithOneClassOnly() {
    assertTrue(Double.isNaN(Auroc.of(new double[] {1, 2}, new boolean[] {true, true})));
  }
}
