package io.github.rela.evaluation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NullRateFlagTest {

  @Test
  void shouldCountFlaggedSentencesAmongTheWorstTenth() {
    // Given 20 sentences: the worst 10% by chrF are #0 and #1; #0, #2 and #3 have high null rates
    double[] chrf = new double[20];
    double[] nullRate = new double[20];
    for (int i = 0; i < 20; i++) {
      chrf[i] = 10 + i;
      nullRate[i] = 0.1;
    }
    nullRate[0] = 0.9;
    nullRate[2] = 0.8;
    nullRate[3] = 0.7;

    // When the flag fires at 0.5
    NullRateFlag flag = NullRateFlag.of(nullRate, chrf, 0.5);

    // Then 3 are flagged, 1 of them among the 2 worst; 1 of the 17 unflagged is among the worst
    assertEquals(3, flag.flagged());
    assertEquals(2, flag.worst());
    assertEquals(1, flag.flaggedWorst());
    assertEquals(1 / 3.0, flag.precision(), 1e-12);
    assertEquals(0.5, flag.recall(), 1e-12);
    assertEquals(1 / 17.0, flag.unflaggedWorstRate(), 1e-12);
    assertEquals(17 / 3.0, flag.lift(), 1e-12);
  }

  @Test
  void shouldCalibrateTheThresholdToFlagTheHighestTenth() {
    // Given null rates 0.00, 0.01, ..., 0.99
    double[] rates = new double[100];
    for (int i = 0; i < 100; i++) {
      rates[i] = i / 100.0;
    }

    // When calibrated to flag 10%
    double threshold = NullRateFlag.calibrate(rates, 0.10);

    // Then exactly the ten highest are at or above it
    assertEquals(0.90, threshold, 1e-12);
    assertEquals(10, NullRateFlag.of(rates, new double[100], threshold).flagged());
  }

  @Test
  void shouldFlagAllTiesAtTheThreshold() {
    double[] rates = {0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5};

    double threshold = NullRateFlag.calibrate(rates, 0.10);

    assertEquals(0.5, threshold);
    assertEquals(2, NullRateFlag.of(rates, new double[10], threshold).flagged());
  }

  @Test
  void shouldRefuseMismatchedInputs() {
    assertThrows(
        IllegalArgumentException.class, () -> NullRateFlag.of(new double[2], new double[3], 0.5));
    assertThrows(IllegalArgumentException.class, () -> NullRateFlag.calibrate(new double[0], 0.1));
    assertThrows(IllegalArgumentException.class, () -> NullRateFlag.calibrate(new double[3], 0));
  }

  @Test
  void shouldTakeNearestRankPercentiles() {
    double[] values = {5, 1, 4, 2, 3};

    assertEquals(1, Percentiles.nearestRank(values, 0));
    assertEquals(3, Percentiles.nearestRank(values, 50));
    assertEquals(5, Percentiles.nearestRank(values, 90));
    assertEquals(5, Percentiles.nearestRank(values, 100));
    assertEquals(Double.NaN, Percentiles.nearestRank(new double[0], 50));
  }
}
