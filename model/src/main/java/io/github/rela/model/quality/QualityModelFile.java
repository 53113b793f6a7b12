package io.github.rela.model.quality;

import io.github.rela.model.config.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code quality.json}: a standardised linear model of sentence chrF and a standardised logistic
 * model of "among the worst 10%", over named features, with the figures of their fit.
 *
 * @param formatVersion layout version, 1
 * @param features feature names, in the order of every array below
 * @param mean per feature, subtracted before scaling (fit-set mean)
 * @param scale per feature, divided by after centring (fit-set standard deviation, 1 when constant)
 * @param quality linear model: estimated chrF = intercept + weights . z, clamped to [0, 100]
 * @param bad logistic model: P(bad) = sigmoid(intercept + weights . z)
 * @param badChrf the chrF below which a fit sentence counted as bad (val's 10th percentile)
 * @param threshold low confidence = estimated chrF below this (flags about 10% of val)
 * @param figures the fit's own figures (Spearman, AUROC, shares), by name
 */
public record QualityModelFile(
    int formatVersion,
    List<String> features,
    double[] mean,
    double[] scale,
    Weights quality,
    Weights bad,
    double badChrf,
    double threshold,
    Map<String, Double> figures) {
  public static final String FILE = "quality.json";
  public static final int FORMAT_VERSION = 1;

  /** Checks that every array matches the feature list. */
  public QualityModelFile {
    int n = features.size();
    if (mean.length != n
        || scale.length != n
        || quality.weights().length != n
        || bad.weights().length != n) {
      throw new IllegalArgumentException("quality.json arrays must all have " + n + " entries");
    }
  }

  /**
   * One linear predictor over standardised features.
   *
   * @param intercept value at the fit-set mean
   * @param weights per standardised feature
   */
  public record Weights(double intercept, double[] weights) {

    /** intercept + weights . z */
    public double apply(double[] z) {
      double sum = intercept;
      for (int i = 0; i < z.length; i++) {
        sum += weights[i] * z[i];
      }
      return sum;
    }
  }

  /** {@code (x - mean) / scale}, feature by feature. */
  public double[] standardise(double[] x) {
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = (x[i] - mean[i]) / scale[i];
    }
    return z;
  }

  /** This model with {@code figures} in place of its own. */
  public QualityModelFile withFigures(Map<String, Double> figures) {
    return new QualityModelFile(
        formatVersion, features, mean, scale, quality, bad, badChrf, threshold, figures);
  }

  public static QualityModelFile read(Path file) throws IOException {
    return Json.mapper().readValue(file.toFile(), QualityModelFile.class);
  }

  public void write(Path file) throws IOException {
    Json.mapper().writeValue(file.toFile(), this);
  }
}
