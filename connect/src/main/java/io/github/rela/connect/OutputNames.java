package io.github.rela.connect;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;

/**
 * The field (or header) names the transform writes; an empty name leaves that output out, except
 * the translation's, which is always written.
 *
 * @param translation the translation
 * @param score the length-normalised log-probability
 * @param nullRate the share of all-zero cross-attention rows
 * @param lowConfidence the low-confidence flag
 * @param quality the model's quality estimate (estimated chrF); null without quality.json
 */
public record OutputNames(
    String translation, String score, String nullRate, String lowConfidence, String quality) {

  /** Rejects a missing translation name and names used twice. */
  public OutputNames {
    Objects.requireNonNull(translation, "translation");
    if (translation.isEmpty()) {
      throw new ConfigException(TranslateConfig.TRANSLATION_FIELD, translation, "must be set");
    }
    Set<String> seen = new HashSet<>();
    for (String name : Stream.of(translation, score, nullRate, lowConfidence, quality).toList()) {
      if (name != null && !name.isEmpty() && !seen.add(name)) {
        throw new ConfigException("Two outputs of the transform are named '" + name + "'");
      }
    }
  }

  /** The names that are written, translation first. */
  public List<String> written() {
    return Stream.of(translation, score, nullRate, lowConfidence, quality)
        .filter(name -> name != null && !name.isEmpty())
        .toList();
  }

  /** Whether {@code name} is an output that is written. */
  public static boolean isWritten(String name) {
    return name != null && !name.isEmpty();
  }
}
