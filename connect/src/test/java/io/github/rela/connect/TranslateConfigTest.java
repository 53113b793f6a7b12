package io.github.rela.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(new LowConfidenceRule(0.2857, null), config.lowConfidenceRule());
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
  void shouldFlagOnEitherRule() {
    // Given the null-rate rule at 0.3 and the score rule at -1
    LowConfidenceRule rule = new LowConfidenceRule(0.3, -1.0);

    // Then a translation is flagged when either rule matches
    assertTrue(rule.isLow(0.3, -0.5));
    assertTrue(rule.isLow(0.1, -1.5));
    assertEquals(false, rule.isLow(0.1, -0.5));
    assertNull(new TranslateConfig(Map.of("model.dir", "/m")).lowConfidenceRule().minScore());
  }
}
