package io.github.rela.evaluation.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.quality.QualityFeatures;
import io.github.rela.model.quality.QualityModelFile;
import io.github.rela.model.quality.QualityModelFile.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QualityFitTest {

  @Test
  void ridgeWithoutPenaltyRecoversAnExactLinearRelation() {
    double[][] x = {{0, 1}, {1, 0}, {2, 3}, {3, 1}, {4, 4}};
    double[] y = Arrays.stream(x).mapToDouble(r -> 5 + 2 * r[0] - 3 * r[1]).toArray();
    double[] w = {1, 1, 1, 1, 1};
    Weights fit = new RidgeRegression(0).fit(x, y, w);
    assertEquals(5, fit.intercept(), 1e-9);
    assertEquals(2, fit.weights()[0], 1e-9);
    assertEquals(-3, fit.weights()[1], 1e-9);
  }

  @Test
  void ridgePenaltyShrinksTheWeights() {
    double[][] x = {{0}, {1}, {2}, {3}};
    double[] y = {0, 1, 2, 3};
    double[] w = {1, 1, 1, 1};
    double free = new RidgeRegression(0).fit(x, y, w).weights()[0];
    double shrunk = new RidgeRegression(5).fit(x, y, w).weights()[0];
    assertEquals(1, free, 1e-9);
    assertEquals(5.0 / 10.0, shrunk, 1e-9); // sum x'^2 = 5 around the mean, so 5 / (5 + 5)
  }

  @Test
  void logisticRegressionRecoversTheSlopeOfSimulatedData() {
    Random random = new Random(1);
    int n = 20000;
    double[][] x = new double[n][1];
    boolean[] label = new boolean[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextGaussian();
      label[i] = random.nextDouble() < 1 / (1 + Math.exp(-(-1 + 2 * x[i][0])));
      w[i] = 1;
    }
    Weights fit = new LogisticRegression(0).fit(x, label, w);
    assertEquals(-1, fit.intercept(), 0.08);
    assertEquals(2, fit.weights()[0], 0.1);
  }

  @Test
  void fitSetsTheThresholdToFlagTheAskedShareOfTheCalibrationSentences() {
    Random random = new Random(3);
    List<FitExample> examples = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      double lp = random.nextGaussian();
      double chrf = 50 + 10 * lp + 3 * random.nextGaussian();
      examples.add(
          new FitExample(
              new QualityFeatures(Map.of("lp", lp, "noise", random.nextGaussian())),
              chrf,
              1,
              true));
    }
    QualityModelFile model = new QualityFit(1, 1, 0.1, 0.1).fit(List.of("lp", "noise"), examples);
    long flagged =
        examples.stream()
            .filter(
                e ->
                    model.quality().apply(model.standardise(e.features().select(model.features())))
                        < model.threshold())
            .count();
    assertEquals(100, flagged, 1);
    assertTrue(model.quality().weights()[0] > 9, "lp carries the signal");
    assertTrue(Math.abs(model.quality().weights()[1]) < 0.5, "noise carries none");
    assertTrue(model.bad().weights()[0] < -1, "higher lp, less likely bad");
  }
}
