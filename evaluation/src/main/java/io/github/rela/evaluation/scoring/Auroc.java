package io.github.rela.evaluation.scoring;

/**
 * Area under the ROC curve of a score as a detector of positives: the probability that a random
 * positive scores higher than a random negative, ties counting half (the Mann-Whitney U statistic
 * over the product of the class sizes, from the average ranks).
 */
public final class Auroc {

  private Auroc() {}

  /**
   * @param score [n], higher meaning "more likely positive"
   * @param positive [n]
   * @return the AUROC, NaN when either class is empty
   */
  public static double of(double[] score, boolean[] positive) {
    double[] ranks = RankCorrelation.averageRanks(score);
    double rankSum = 0;
    long positives = 0;
    for (int i = 0; i < score.length; i++) {
      if (positive[i]) {
        rankSum += ranks[i];
        positives++;
      }
    }
    long negatives = score.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
  }
}
