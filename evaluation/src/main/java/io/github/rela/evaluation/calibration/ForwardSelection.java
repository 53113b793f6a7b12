package io.github.rela.evaluation.calibration;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy forward selection of the estimator's features on val: starting from one feature, adds the
 * candidate that most raises the cross-validated Spearman plus AUROC, and stops when no candidate
 * raises it by more than {@link #MIN_GAIN}. Fewer features than "everything" keep the estimator
 * readable and leave out features whose val weight does not carry over to new data.
 */
public final class ForwardSelection {
  /** The least rise of Spearman + AUROC worth another feature. */
  public static final double MIN_GAIN = 0.001;

  private final CrossValidation validation;

  public ForwardSelection(CrossValidation validation) {
    this.validation = validation;
  }

  /** The chosen features, {@code start} first; prints each step to {@code out}. */
  public List<String> select(String start, List<String> candidates, PrintWriter out) {
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
          "val %d-fold CV: AUROC %.3f, Spearman %.3f with %s%n",
          validation.folds(), t.auroc(), t.spearman(), String.join(", ", features));
      out.flush();
    }
    return t.spearman() + t.auroc();
  }
}
