package io.github.rela.evaluation.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {

  @Test
  void shouldAverageRanksOfTies() {
    // Given values with a tie
    double[] values = {10, 20, 20, 5};
    // When ranked
    double[] ranks = RankCorrelation.averageRanks(values);
    // Then tied values share the mean of ranks 3 and 4
    assertArrayEquals(new double[] {2, 3.5, 3.5, 1}, ranks, 1e-12);
  }

  @Test
  void shouldGiveOneForMonotoneRelation() {
    // Given y = x^3, monotone but not linear
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {1, 8, 27, 64, 125};
    // When correlated, then rho is exactly 1 and -1 for the reverse
    assertEquals(1.0, RankCorrelation.spearman(x, y), 1e-12);
    assertEquals(-1.0, RankCorrelation.spearman(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
  }

  @Test
  void shouldCorrelateAverageRanksWhenTied() {
    // Given samples whose average ranks are [1, 2.5, 2.5, 4, 5] and [2, 1, 3.5, 3.5, 5]
    double[] x = {1, 2, 2, 3, 4};
    double[] y = {2, 1, 3, 3, 5};
    // When correlated
    double rho = RankCorrelation.spearman(x, y);
    // Then it is Pearson's r of those ranks: covariance 7.25 over sqrt(9.5 * 9.5)
    assertEquals(7.25 / 9.5, rho, 1e-12);
  }

  @Test
  void shouldReturnNanForConstantSample() {
    // Given a constant sample, when correlated, then rho is undefined
    assertTrue(
        Double.isNaN(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
  }

  @Test
  void shouldRejectSamplesOfDifferentLength() {
    // Given samples of different length, when correlated, then it fails
    assertThrows(
        IllegalArgumentException.class,
        () -> RankCorrelation.spearman(new double[] {1, 2}, new double[] {1, 2, 3}));
  }
}
