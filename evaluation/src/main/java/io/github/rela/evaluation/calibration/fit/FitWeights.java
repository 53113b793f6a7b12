package io.github.rela.evaluation.calibration.fit;

import io.github.rela.model.quality.QualityModelFile.Weights;
import java.util.Arrays;

/** Turns a solver's [intercept, weights...] vector into {@link Weights}. */
final class FitWeights {

  private FitWeights() {}

  static Weights split(double[] solution) {
    return new Weights(solution[0], Arrays.copyOfRange(solution, 1, solution.length));
  }
}
