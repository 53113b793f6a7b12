package io.github.rela.evaluation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.evaluation.calibration.fit.QualityFit;
import io.github.rela.model.quality.QualityFeatures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForwardSelectionTest {

  /** chrF = 50 + 8 lp + 6 length + noise; "noise" and "echo" (a copy of lp) carry nothing new. */
  private static CalibrationSets sets() {
    Random random = new Random(11);
    int n = 600;
    List<QualityFeatures> features = new ArrayList<>();
    double[] chrf = new double[n];
    for (int i = 0; i < n; i++) {
      double lp = random.nextGaussian();
      double length = random.nextGaussian();
      features.add(
          new QualityFeatures(
              Map.of(
                  "lp_mean", lp,
                  "length", length,
                  "noise", random.nextGaussian(),
                  "echo", lp)));
      chrf[i] = 50 + 8 * lp + 6 * length + 5 * random.nextGaussian();
    }
    LabelledSet val = new LabelledSet("val", features, chrf);
    return new CalibrationSets(val, List.of(), List.of(), List.of());
  }

  @Test
  void addsTheInformativeFeatureAndStopsBeforeTheUselessOnes() {
    CrossValidation validation =
        new CrossValidation(sets(), new QualityFit(1, 1, 0.1, 0.1), 0.1, 5, 2, 1);
    StringWriter log = new StringWriter();
    List<String> chosen =
        new ForwardSelection(validation)
            .select(
                List.of("lp_mean"),
                List.of("lp_mean", "length", "noise", "echo"),
                new PrintWriter(log));
    assertEquals(List.of("lp_mean", "length"), chosen);
    assertTrue(log.toString().contains("with lp_mean, length"), log.toString());
  }

  @Test
  void keepsThePathFromTheStartThatEndsBest() {
    CrossValidation validation =
        new CrossValidation(sets(), new QualityFit(1, 1, 0.1, 0.1), 0.1, 5, 2, 1);
    List<String> chosen =
        new ForwardSelection(validation)
            .select(
                List.of("noise", "lp_mean"),
                List.of("lp_mean", "length", "noise", "echo"),
                new PrintWriter(new StringWriter()));
    assertEquals(List.of("lp_mean", "length"), chosen, "the path from noise keeps noise");
  }

  @Test
  void crossValidatedEstimatesRankTheSentencesLikeTheirChrf() {
    CrossValidation validation =
        new CrossValidation(sets(), new QualityFit(1, 1, 0.1, 0.1), 0.1, 5, 2, 1);
    double lpOnly = validation.figures(List.of("lp_mean")).spearman();
    double both = validation.figures(List.of("lp_mean", "length")).spearman();
    assertTrue(lpOnly > 0.5 && both > lpOnly + 0.1, lpOnly + " then " + both);
  }
}
