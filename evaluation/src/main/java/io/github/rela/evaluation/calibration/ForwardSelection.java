package io.github.rela.evaluation.calibration;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy forward selection of the estimator's features on val: from each start feature, adds the
 * candidate that most raises the cross-validated Spearman plus AUROC, and stops when no candidate
 * raises it by more than {@link #MIN_GAIN}; of the paths from the several starts, the one with the
 * best final score wins. Fewer features than "everything" keep the estimator readable and leave out
 * features whose val weight does not carry over to new data; several starts keep one early greedy
 * step from deciding the whole path.
 */
public final class ForwardSelection {
  /** The least rise of Spearman + AUROC worth another feature. */
  public static final double MIN_GAIN = 0.001;

  private final CrossValidation validation;

  public ForwardSelection(CrossValidation validation) {
    this.validation = validation;
  }

  /**
   * The chosen features, the winning start first; prints each path's steps to {@code out}.
   *
   * @param starts the features a path may start from
   */
  public List<String> select(List<String> starts, List<String> candidates, PrintWriter out) {
    List<String> best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (String start : starts) {
      List<String> path = path(start, candidates, out);
      double s = score(path, null);
      if (s > bestScore) {
        best = path;
        bestScore = s;
      }
    }
    return best;
  }

  /** The greedy path from {@code start}. */
  private List<String> path(String start, List<String> candidates, PrintWriter out) {
    List<String> chosen = new ArrayList<>(List.of(start));
    double best = score(chosen, out);
    while (true) {
      String pick = null;
      double pickScore = best + MIN_GAIN;
      for (String candidate : candidates) {
        if (chosen.contains(candidate)) {
          continue;
        }
        List<String> trial = new ArrayList<>(chosen);
        trial.add(candidate);
        double s = score(trial, null);
        if (s > pickScore) {
          pick = candidate;
          pickScore = s;
        }
      }
      if (pick == null) {
        return chosen;
      }
      chosen.add(pick);
      best = score(chosen, out);
    }
  }

  /** Cross-validated Spearman + AUROC of {@code features}; printed when {@code out} is given. */
  private double score(List<String> features, PrintWriter out) {
    TriageFigures t = validation.figures(features);
    if (out != null) {
      out.printf(
          "val %d-fold CV x%d: AUROC %.3f, Spearman %.3f with %s%n",
          validation.folds(),
          validation.repeats(),
          t.auroc(),
          t.spearman(),
          String.join(", ", features));
      out.flush();
    }
    return t.spearman() + t.auroc();
  }
}
