package io.github.rela.model.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Applies a checkpoint's {@code quality.json} to the features of a translation: standardisation,
 * the linear model for the estimated chrF and the logistic model for the probability of being bad.
 * Immutable and thread-safe.
 */
public final class QualityEstimator {
  private final QualityModelFile model;

  public QualityEstimator(QualityModelFile model) {
    this.model = model;
  }

  /** The estimator of checkpoint {@code directory}, or empty when it carries no quality.json. */
  public static Optional<QualityEstimator> load(Path directory) throws IOException {
    Path file = directory.resolve(QualityModelFile.FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(new QualityEstimator(QualityModelFile.read(file)));
  }

  public QualityModelFile model() {
    return model;
  }

  /** The estimate for {@code features}, which must include every feature the model names. */
  public QualityEstimate estimate(QualityFeatures features) {
    double[] z = model.standardise(features.select(model.features()));
    double quality = Math.max(0, Math.min(100, model.quality().apply(z)));
    double bad = 1 / (1 + Math.exp(-model.bad().apply(z)));
    return new QualityEstimate(quality, bad, quality < model.threshold(), model.threshold());
  }
}
