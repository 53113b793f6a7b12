package io.github.rela.model.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.quality.QualityModelFile.Weights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityEstimatorTest {
  private static final QualityModelFile MODEL =
      new QualityModelFile(
          1,
          List.of("lp_mean", "length_ratio"),
          new double[] {-0.5, 0.0},
          new double[] {0.25, 1.0},
          new Weights(60, new double[] {10, -2}),
          new Weights(-2, new double[] {-1.5, 0}),
          40,
          45,
          Map.of("val.auroc", 0.9));

  @Test
  void estimatesStandardiseThenApplyBothModels() {
    QualityEstimate e =
        new QualityEstimator(MODEL)
            .estimate(new QualityFeatures(Map.of("lp_mean", -1.0, "length_ratio", 0.5, "x", 3.0)));
    assertEquals(60 + 10 * -2 - 2 * 0.5, e.quality(), 1e-12); // z = (-2, 0.5)
    assertEquals(1 / (1 + Math.exp(-(-2 + 3))), e.badProbability(), 1e-12);
    assertTrue(e.lowConfidence(), "39 is below the threshold 45");
    assertEquals(45, e.threshold());
  }

  @Test
  void estimatesAreClampedToTheChrfRange() {
    QualityEstimator estimator = new QualityEstimator(MODEL);
    var high = estimator.estimate(new QualityFeatures(Map.of("lp_mean", 5.0, "length_ratio", 0.0)));
    assertEquals(100, high.quality());
    assertFalse(high.lowConfidence());
  }

  @Test
  void loadsWhatWasWrittenAndNothingWhenTheFileIsMissing(@TempDir Path dir) throws Exception {
    assertTrue(QualityEstimator.load(dir).isEmpty());
    MODEL.write(dir.resolve(QualityModelFile.FILE));
    QualityModelFile read = QualityEstimator.load(dir).orElseThrow().model();
    assertEquals(MODEL.features(), read.features());
    assertEquals(MODEL.threshold(), read.threshold());
    assertEquals(MODEL.quality().weights()[1], read.quality().weights()[1]);
    assertEquals(0.9, read.figures().get("val.auroc"));
  }
}
