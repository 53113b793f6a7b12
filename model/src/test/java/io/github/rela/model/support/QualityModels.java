package io.github.rela.model.support;

import io.github.rela.model.quality.QualityModelFile;
import java.util.List;
import java.util.Map;

/** Small fitted quality models shared by the tests. */
public final class QualityModels {
  private QualityModels() {}

  /**
   * An estimator over {@code lp_mean} and the lexical feature {@code lex_source_min}: a checkpoint
   * that ships it needs a lexical table.
   */
  public static QualityModelFile usingLexicalFeature() {
    return new QualityModelFile(
        1,
        List.of("lp_mean", "lex_source_min"),
        new double[] {-0.5, -5},
        new double[] {0.25, 2},
        new QualityModelFile.Weights(60, new double[] {10, 3}),
        new QualityModelFile.Weights(-2, new double[] {-1.5, -1}),
        40,
        45,
        Map.of());
  }
}
