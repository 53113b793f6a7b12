package io.github.rela.model.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named quality features of one translation, in a fixed order (see {@link
 * QualityFeatureExtractor} for what each one measures).
 *
 * @param values feature name to value, in extraction order
 */
public record QualityFeatures(Map<String, Double> values) {

  /** No features: the translation of a blank input. */
  public static final QualityFeatures NONE = new QualityFeatures(Map.of());

  public QualityFeatures {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of {@code name}. */
  public double get(String name) {
    Double value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no quality feature named " + name);
    }
    return value;
  }

  /** The values of {@code names}, in that order. */
  public double[] select(List<String> names) {
    return names.stream().mapToDouble(this::get).toArray();
  }
}
