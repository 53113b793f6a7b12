package io.github.rela.evaluation.calibration;

import io.github.rela.evaluation.calibration.fit.FitExample;
import io.github.rela.evaluation.calibration.fit.QualityFit;
import io.github.rela.model.quality.QualityEstimator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * K-fold cross-validation of a feature subset on val: every val sentence is estimated by a model
 * fitted on the other folds (plus all synthetic examples), so that choices such as the feature
 * subset are made without the test sets and without scoring a sentence the model saw.
 *
 * @param sets the calibration sets; only val and the synthetic sets are used
 * @param fit the fit to cross-validate
 * @param syntheticWeight weight of each synthetic example relative to a val sentence
 * @param folds number of folds
 * @param seed seed of the shuffle that assigns val sentences to folds
 */
public record CrossValidation(
    CalibrationSets sets, QualityFit fit, double syntheticWeight, int folds, long seed) {

  /** The out-of-fold figures of {@code features} on val (the threshold plays no part). */
  public TriageFigures figures(List<String> features) {
    return TriageFigures.of(estimates(features), sets.val().chrf(), Double.NEGATIVE_INFINITY);
  }

  /** The out-of-fold estimated chrF of every val sentence, [val size]. */
  public double[] estimates(List<String> features) {
    LabelledSet val = sets.val();
    int[] fold = folds(val.size());
    double[] estimates = new double[val.size()];
    for (int k = 0; k < folds; k++) {
      int held = k;
      List<FitExample> examples = new ArrayList<>();
      IntStream.range(0, val.size())
          .filter(i -> fold[i] != held)
          .forEach(
              i -> examples.add(new FitExample(val.features().get(i), val.chrf()[i], 1, true)));
      for (LabelledSet set : sets.synthetic()) {
        QualityCalibration.add(examples, set, syntheticWeight, false);
      }
      QualityEstimator estimator = new QualityEstimator(fit.fit(features, examples));
      IntStream.range(0, val.size())
          .filter(i -> fold[i] == held)
          .forEach(i -> estimates[i] = estimator.estimate(val.features().get(i)).quality());
    }
    return estimates;
  }

  /** The fold of every val sentence: a seeded shuffle dealt round-robin, [n]. */
  private int[] folds(int n) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, new Random(seed));
    int[] fold = new int[n];
    for (int j = 0; j < n; j++) {
      fold[order.get(j)] = j % folds;
    }
    return fold;
  }
}
