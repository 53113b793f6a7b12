package io.github.rela.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class PairedRatioTest {

  @Test
  void shouldGiveHowManyTimesFasterTheFirstModelIs() {
    PairedRatio ratio = PairedRatio.of(List.of(1.0, 2.0, 3.0), List.of(2.0, 4.0, 6.0));

    assertEquals(2.0, ratio.median(), 1e-12);
    assertEquals(3, ratio.pairs());
  }

  @Test
  void shouldCancelDriftThatSlowsBothModelsOfABatch() {
    // the machine slows 3x over the run; model a is 5% faster at every moment
    IntToDoubleFunction slowdown = i -> 1 + 2.0 * i / 49;

    PairedRatio ratio =
        PairedRatio.of(
            times(50, i -> 0.1 * slowdown.applyAsDouble(i) / 1.05),
            times(50, i -> 0.1 * slowdown.applyAsDouble(i)));

    assertEquals(1.05, ratio.median(), 1e-9);
    assertEquals(1.05, ratio.low(), 1e-9);
    assertEquals(1.05, ratio.high(), 1e-9);
  }

  @Test
  void shouldBracketTheMedianByOrderStatistics() {
    // ratios 1 .. 100 in shuffled order: b's seconds are k times a's
    List<Integer> ks = new ArrayList<>();
    for (int k = 1; k <= 100; k++) {
      ks.add(k);
    }
    Collections.shuffle(ks, new Random(7));

    PairedRatio ratio = PairedRatio.of(times(100, i -> 0.5), times(100, i -> 0.5 * ks.get(i)));

    // n = 100: ranks floor(50 - 9.8) = 40 and ceil(1 + 50 + 9.8) = 61
    assertEquals(50.5, ratio.median(), 1e-12);
    assertEquals(40.0, ratio.low(), 1e-12);
    assertEquals(61.0, ratio.high(), 1e-12);
  }

  @Test
  void shouldKeepTheIntervalInsideTheDataForFewPairs() {
    PairedRatio ratio = PairedRatio.of(List.of(1.0, 1.0), List.of(0.9, 1.2));

    assertEquals(1.05, ratio.median(), 1e-12);
    assertEquals(0.9, ratio.low(), 1e-12);
    assertEquals(1.2, ratio.high(), 1e-12);
  }

  @Test
  void shouldRejectBatchesThatDoNotPair() {
    assertThrows(
        IllegalArgumentException.class, () -> PairedRatio.of(List.of(1.0), List.of(1.0, 2.0)));
    assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(List.of(), List.of()));
  }

  /** Seconds of {@code n} batches, batch i taking {@code seconds(i)}. */
  private static List<Double> times(int n, IntToDoubleFunction seconds) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      times.add(seconds.applyAsDouble(i));
    }
    return times;
  }
}
