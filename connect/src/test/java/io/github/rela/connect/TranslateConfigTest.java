package io.github.rela.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.model.quality.QualityFeatures;
import io.github.rela.model.quality.QualityReport;
import io.github.rela.model.translate.AttentionView;
import io.github.rela.model.translate.SparseAttention;
import io.github.rela.model.translate.Translation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The settings as the worker's REST API validates them, before any model is loaded. */
class TranslateConfigTest {

  @Test
  void shouldDefaultEverythingButTheModelDirectory() {
    // When only the model directory is set
    TranslateConfig config = new TranslateConfig(Map.of("model.dir", "/models/de-en"));

    // Then beam 4, the whole value, outputs into the value under the default names
    assertEquals(4, config.beamSize());
    assertEquals("", config.sourceField());
    assertEquals(TranslateConfig.OutputLocation.VALUE, config.outputLocation());
    assertEquals(
        new OutputNames(
            "translation",
            "translation_score",
            "translation_null_rate",
            "translation_low_confidence",
            "translation_quality"),
        config.outputNames());
    assertEquals(new LowConfidenceRule(null, null, null), config.lowConfidenceRule());
  }

  @Test
  void shouldReportEachInvalidSettingByName() {
    // Given settings with one mistake each
    Map<String, String> settings = new HashMap<>();
    settings.put("beam.size", "0");
    settings.put("output.location", "topic");
    settings.put("language.pair", "german");
    settings.put("translation.field", "");
    settings.put("low.confidence.null.rate", "1.5");

    // When the worker validates them
    List<ConfigValue> values = TranslateConfig.CONFIG_DEF.validate(settings);

    // Then each is reported, and so is the missing model directory
    for (String name :
        List.of(
            "model.dir",
            "beam.size",
            "output.location",
            "language.pair",
            "translation.field",
            "low.confidence.null.rate")) {
      ConfigValue value = values.stream().filter(v -> v.name().equals(name)).findFirst().get();
      assertTrue(!value.errorMessages().isEmpty(), name + " should be reported");
    }
  }

  @Test
  void shouldListEverySettingWithItsDefaultInTheReadme() throws IOException {
    // Given the module README's configuration table
    String readme = Files.readString(Path.of("README.md"));

    // Then it has one row per setting, showing the default the transform uses
    for (ConfigDef.ConfigKey key : TranslateConfig.CONFIG_DEF.configKeys().values()) {
      String shown =
          key.defaultValue == ConfigDef.NO_DEFAULT_VALUE
              ? "(required)"
              : key.defaultValue == null
                  ? "(unset)"
                  : key.defaultValue.toString().isEmpty()
                      ? "(empty)"
                      : "`" + key.defaultValue + "`";
      String row = "| `" + key.name + "` | " + shown + " |";
      assertTrue(readme.contains(row), "README.md lacks the row " + row);
    }
  }

  @Test
  void shouldRefuseTwoOutputsOfOneName() {
    // Then two outputs named alike are refused
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new TranslateConfig(
                        Map.of("model.dir", "/m", "score.field", "translation_null_rate"))
                    .outputNames());
    assertTrue(e.getMessage().contains("translation_null_rate"), e.getMessage());
  }

  @Test
  void shouldReadEachRuleSetting() {
    // Given every low-confidence rule set
    TranslateConfig config =
        new TranslateConfig(
            Map.of(
                "model.dir", "/m",
                "low.confidence.min.quality", "45",
                "low.confidence.null.rate", "0.3",
                "low.confidence.min.score", "-1"));

    // Then the rule carries them
    assertEquals(new LowConfidenceRule(45.0, 0.3, -1.0), config.lowConfidenceRule());
  }

  @Test
  void shouldFlagOnAnyRuleThatIsSet() {
    // Given the default rules (the calibrated estimate only) and all three rules set
    LowConfidenceRule calibrated = new LowConfidenceRule(null, null, null);
    LowConfidenceRule all = new LowConfidenceRule(60.0, 0.3, -1.0);

    // Then the default flags an estimate below its calibrated threshold, and nothing without one
    assertTrue(calibrated.isLow(translation(39, 0.1, -0.5)));
    assertFalse(calibrated.isLow(translation(41, 0.9, -9)));
    assertFalse(calibrated.isLow(uncalibrated(0.9, -9)));
    // And with every rule set, any one of them flags
    assertTrue(all.isLow(translation(55, 0.1, -0.5)));
    assertTrue(all.isLow(uncalibrated(0.3, -0.5)));
    assertTrue(all.isLow(uncalibrated(0.1, -1.5)));
    assertFalse(all.isLow(translation(65, 0.1, -0.5)));
  }

  /** A translation with an estimate of {@code quality} from a model calibrated at 40. */
  private static Translation translation(double quality, double nullRate, double score) {
    return withQuality(
        new QualityReport(
            QualityFeatures.NONE, new QualityEstimate(quality, 0.5, quality < 40, 40)),
        nullRate,
        score);
  }

  private static Translation uncalibrated(double nullRate, double score) {
    return withQuality(QualityReport.NONE, nullRate, score);
  }

  private static Translation withQuality(QualityReport quality, double nullRate, double score) {
    return new Translation(
        "Quelle",
        "source",
        List.of(),
        List.of(),
        score,
        score,
        new SparseAttention(AttentionView.LAST_LAYER, 1, 1, 0, 0, List.of()),
        List.of(),
        nullRate,
        0.5,
        false,
        quality);
  }
}
