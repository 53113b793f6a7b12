package io.github.rela.evaluation.calibration;

import io.github.rela.evaluation.corpus.Utf8LineReader;
import io.github.rela.evaluation.scoring.Chrf;
import io.github.rela.model.quality.QualityFeatures;
import io.github.rela.model.translate.Translation;
import io.github.rela.model.translate.Translator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentences translated by the model under calibration, each with its quality features and its
 * sentence chrF against a reference (the label).
 *
 * @param name e.g. {@code test_2016_flickr} or {@code test_2016_flickr.en as de}
 * @param features [n]
 * @param chrf [n] sentence chrF2, sacreBLEU-compatible
 */
public record LabelledSet(String name, List<QualityFeatures> features, double[] chrf) {

  /** Translates {@code sources} and scores each translation against its reference. */
  public static LabelledSet translate(
      String name, Translator translator, List<String> sources, List<String> references) {
    List<Translation> results = translator.translate(sources);
    Chrf metric = Chrf.withDefaults();
    double[] chrf = new double[results.size()];
    List<QualityFeatures> features = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      chrf[i] =
          metric.sentenceScore(results.get(i).translation(), List.of(references.get(i))).score();
      features.add(results.get(i).quality().features());
    }
    return new LabelledSet(name, features, chrf);
  }

  /** The first {@code limit} lines of {@code file} (plain or gzip), all when limit is negative. */
  public static List<String> lines(Path file, int limit) {
    List<String> lines = new ArrayList<>();
    try (Utf8LineReader reader = Utf8LineReader.open(file)) {
      for (String line = reader.readLine();
          line != null && (limit < 0 || lines.size() < limit);
          line = reader.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  public int size() {
    return chrf.length;
  }
}
