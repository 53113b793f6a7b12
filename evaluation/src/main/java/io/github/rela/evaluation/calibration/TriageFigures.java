package io.github.rela.evaluation.calibration;

import io.github.rela.evaluation.scoring.Auroc;
import io.github.rela.evaluation.scoring.RankCorrelation;
import java.util.Arrays;

/**
 * How well an estimate triages one set: AUROC for the set's worst 10% by sentence chrF, Spearman
 * with chrF, the share the threshold flags, and how much likelier a flagged sentence is bad.
 *
 * @param auroc AUROC of the (negated) estimate as a detector of the worst 10%
 * @param spearman Spearman's rho of estimate and chrF
 * @param flagged share of sentences with an estimate below the threshold
 * @param badRatio P(bad | flagged) / P(bad | not flagged); NaN when either group is empty, infinite
 *     when no unflagged sentence is bad
 */
public record TriageFigures(double auroc, double spearman, double flagged, double badRatio) {

  /** The figures of {@code estimate} (higher = better) against {@code chrf}. */
  public static TriageFigures of(double[] estimate, double[] chrf, double threshold) {
    boolean[] bad = worst(chrf, 0.1);
    double[] negated = Arrays.stream(estimate).map(v -> -v).toArray();
    int flagged = 0;
    int flaggedBad = 0;
    int unflaggedBad = 0;
    for (int i = 0; i < estimate.length; i++) {
      boolean flag = estimate[i] < threshold;
      flagged += flag ? 1 : 0;
      flaggedBad += flag && bad[i] ? 1 : 0;
      unflaggedBad += !flag && bad[i] ? 1 : 0;
    }
    int unflagged = estimate.length - flagged;
    double ratio =
        flagged == 0 || unflagged == 0
            ? Double.NaN
            : (flaggedBad / (double) flagged) / (unflaggedBad / (double) unflagged);
    return new TriageFigures(
        Auroc.of(negated, bad),
        RankCorrelation.spearman(estimate, chrf),
        flagged / (double) estimate.length,
        ratio);
  }

  /** The {@code share} of sentences with the lowest chrF (ties at the cut-off included). */
  public static boolean[] worst(double[] chrf, double share) {
    double[] sorted = chrf.clone();
    Arrays.sort(sorted);
    double cutoff = sorted[Math.max(0, (int) Math.round(share * sorted.length) - 1)];
    boolean[] bad = new boolean[chrf.length];
    for (int i = 0; i < chrf.length; i++) {
      bad[i] = chrf[i] <= cutoff;
    }
    return bad;
  }

  /** Share of {@code estimate} below {@code threshold}. */
  public static double flaggedShare(double[] estimate, double threshold) {
    return Arrays.stream(estimate).filter(v -> v < threshold).count() / (double) estimate.length;
  }
}
