package io.github.rela.evaluation.calibration.fit;

import io.github.rela.model.quality.QualityModelFile;
import io.github.rela.model.quality.QualityModelFile.Weights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fits the two models of {@code quality.json} on a fit set: standardisation, ridge regression of
 * sentence chrF, logistic regression of "among the worst {@code badShare}" (the cut-off taken on
 * the calibration sentences), and the threshold on the estimated chrF that flags {@code flagShare}
 * of the calibration sentences.
 */
public final class QualityFit {
  private final double ridgeLambda;
  private final double logisticLambda;
  private final double badShare;
  private final double flagShare;

  /**
   * @param ridgeLambda L2 penalty of the chrF regression
   * @param logisticLambda L2 penalty of the logistic regression
   * @param badShare share of calibration sentences that count as bad, e.g. 0.1
   * @param flagShare share of calibration sentences the default threshold flags, e.g. 0.1
   */
  public QualityFit(double ridgeLambda, double logisticLambda, double badShare, double flagShare) {
    this.ridgeLambda = ridgeLambda;
    this.logisticLambda = logisticLambda;
    this.badShare = badShare;
    this.flagShare = flagShare;
  }

  /** Fits over {@code features}; the result carries no figures yet. */
  public QualityModelFile fit(List<String> features, List<FitExample> examples) {
    double[][] x =
        examples.stream().map(e -> e.features().select(features)).toArray(double[][]::new);
    double[] w = examples.stream().mapToDouble(FitExample::weight).toArray();
    double[] chrf = examples.stream().mapToDouble(FitExample::chrf).toArray();
    Standardisation scaling = Standardisation.of(x, w);
    double[][] z = scaling.apply(x);
    double cutoff = quantile(calibration(examples, chrf), badShare);
    boolean[] bad = new boolean[chrf.length];
    for (int i = 0; i < chrf.length; i++) {
      bad[i] = chrf[i] <= cutoff;
    }
    Weights quality = new RidgeRegression(ridgeLambda).fit(z, chrf, w);
    Weights badModel = new LogisticRegression(logisticLambda).fit(z, bad, w);
    double[] estimates = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      estimates[i] = Math.max(0, Math.min(100, quality.apply(z[i])));
    }
    double threshold = quantile(calibration(examples, estimates), flagShare);
    return new QualityModelFile(
        QualityModelFile.FORMAT_VERSION,
        List.copyOf(features),
        scaling.mean(),
        scaling.scale(),
        quality,
        badModel,
        cutoff,
        threshold,
        Map.of());
  }

  /** The values of the calibration examples only. */
  private static double[] calibration(List<FitExample> examples, double[] values) {
    return IntStream.range(0, values.length)
        .filter(i -> examples.get(i).calibration())
        .mapToDouble(i -> values[i])
        .toArray();
  }

  /**
   * The value below which about {@code share} of {@code values} lie: the midpoint between the k-th
   * and (k+1)-th smallest, k = round(share * n), so that "below" holds k of them.
   */
  static double quantile(double[] values, double share) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int k = (int) Math.round(share * sorted.length);
    if (k <= 0) {
      return sorted[0];
    }
    if (k >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return (sorted[k - 1] + sorted[k]) / 2;
  }
}
