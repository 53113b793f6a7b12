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
 * Repeated k-fold cross-validation of a feature subset on val: every val sentence is estimated by a
 * model fitted on the other folds (plus all synthetic examples), so that choices such as the
 * feature subset are made without the test sets and without scoring a sentence the model saw. The
 * figures are averaged over {@code repeats} shuffles: on 1,000 sentences one shuffle's figures move
 * by about as much as one feature adds, and a selection that follows them picks up noise.
 *
 * @param sets the calibration sets; only val and the synthetic sets are used
 * @param fit the fit to cross-validate
 * @param syntheticWeight weight of each synthetic example relative to a val sentence
 * @param folds number of folds
 * @param repeats number of shuffles averaged over
 * @param seed seed of the first shuffle that assigns val sentences to folds; repeat r uses seed + r
 */
public record CrossValidation(
    CalibrationSets sets,
    QualityFit fit,
    double syntheticWeight,
    int folds,
    int repeats,
    long seed) {

  /**
   * The out-of-fold figures of {@code features} on val, AUROC and Spearman averaged over the
   * repeats (the threshold plays no part).
   */
  public TriageFigures figures(List<String> features) {
    double auroc = 0;
    double spearman = 0;
    for (int r = 0; r < repeats; r++) {
      TriageFigures t =
          TriageFigures.of(
              estimates(features, seed + r), sets.val().chrf(), Double.NEGATIVE_INFINITY);
      auroc += t.auroc();
      spearman += t.spearman();
    }
    return new TriageFigures(auroc / repeats, spearman / repeats, 0, Double.NaN);
  }

  /** The out-of-fold estimated chrF of every val sentence with folds from {@code shuffle}, [n]. */
  private double[] estimates(List<String> features, long shuffle) {
    LabelledSet val = sets.val();
    int[] fold = folds(val.size(), shuffle);
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
  private int[] folds(int n, long shuffle) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, new Random(shuffle));
    int[] fold = new int[n];
    for (int j = 0; j < n; j++) {
      fold[order.get(j)] = j % folds;
    }
    return fold;
  }
}
